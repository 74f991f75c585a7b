package dev.muninn.core.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class AnthropicStreamTranslatorTests {

    private static List<ObjectNode> translate(AnthropicStreamTranslator translator, String... events) {
        List<ObjectNode> chunks = new ArrayList<>();
        for (String event : events) {
            chunks.addAll(translator.translate(Json.MAPPER.readTree(event)));
        }
        return chunks;
    }

    @Test
    void parallelToolUsesGetConsecutiveOpenAiToolIndexes() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator();

        List<ObjectNode> chunks = translate(translator,
                "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"model\":\"claude\",\"usage\":{\"input_tokens\":5}}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"a\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{}\"}}",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t2\",\"name\":\"b\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"x\\\":1}\"}}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":20}}");

        List<JsonNode> calls = chunks.stream()
                .map(c -> c.path("choices").get(0).path("delta").path("tool_calls"))
                .filter(JsonNode::isArray).map(a -> a.get(0)).toList();
        assertThat(calls).extracting(c -> c.path("index").asInt()).containsExactly(0, 0, 1, 1);
        assertThat(calls.get(2).path("id").asString()).isEqualTo("t2");
        assertThat(calls.get(3).path("function").path("arguments").asString()).isEqualTo("{\"x\":1}");
        assertThat(translator.isFinished()).isFalse();
        ObjectNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("usage").path("total_tokens").asInt()).isEqualTo(25);
    }

    @Test
    void messageStopFinishesAndPingsProduceNothing() {
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator();

        List<ObjectNode> chunks = translate(translator, "{\"type\":\"ping\"}", "{\"type\":\"message_stop\"}");

        assertThat(chunks).isEmpty();
        assertThat(translator.isFinished()).isTrue();
    }

    @Test
    void stopReasonsMapToOpenAiFinishReasons() {
        assertThat(AnthropicMessages.finishReason("end_turn")).isEqualTo("stop");
        assertThat(AnthropicMessages.finishReason("stop_sequence")).isEqualTo("stop");
        assertThat(AnthropicMessages.finishReason("max_tokens")).isEqualTo("length");
        assertThat(AnthropicMessages.finishReason("tool_use")).isEqualTo("tool_calls");
        assertThat(AnthropicMessages.finishReason(null)).isNull();
    }
}
