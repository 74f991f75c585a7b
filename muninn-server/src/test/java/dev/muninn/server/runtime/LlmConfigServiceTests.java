package dev.muninn.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.muninn.server.support.ApiTestSupport;

/** The Java API as the README shows it, against the seeded mock provider. */
class LlmConfigServiceTests extends ApiTestSupport {

    @Autowired
    LlmConfigService llm;

    @Test
    void chatsThroughAnInteractionType() {
        RunResult result = llm.llmForInteraction(LlmConfigService.PLANNING).chat("Plan my day");

        assertThat(result.success()).isTrue();
        assertThat(result.content()).isEqualTo("Mock reply to: Plan my day");
        assertThat(result.provider()).isEqualTo("Mock (Local)");
    }

    @Test
    void aClientKeptAcrossAConfigurationChangeUsesTheNewModelOnItsNextCall() {
        String providerId = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("Live") + "\",\"provider_type\":\"custom\","
                + "\"base_url\":\"http://localhost:" + port + "/mock_llm\"}").json().get("id").asString();
        api().post("/api/v1/llm/providers/" + providerId + "/models", "{\"model\":\"first\"}");
        api().post("/api/v1/llm/providers/" + providerId + "/models", "{\"model\":\"second\"}");
        String type = unique("live");
        api().post("/api/v1/llm/interaction-types", "{\"name\":\"" + type + "\"}");
        api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId + "\",\"model_name\":\"first\"}");
        LlmConfigService.LlmChat chat = llm.llmForInteraction(type);
        assertThat(chat.chat("/echo").content()).contains("\"model\":\"first\"");

        api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId + "\",\"model_name\":\"second\"}");

        assertThat(chat.chat("/echo").content()).contains("\"model\":\"second\"");
    }

    @Test
    void streamsTextAsItArrives() {
        List<String> pieces = new ArrayList<>();

        RunResult result = llm.llmForInteraction(LlmConfigService.REASONING).stream("a b c", pieces::add);

        assertThat(pieces.size()).isGreaterThan(1);
        assertThat(String.join("", pieces)).isEqualTo(result.content()).isEqualTo("Mock reply to: a b c");
    }

    @Test
    void embedsWithTheEmbeddingsModel() {
        var result = llm.embeddingsModel().embed(List.of("raven", "memory"));

        assertThat(result.success()).isTrue();
        assertThat(result.data()).hasSize(2);
        assertThat(result.data().get(0)).hasSize(16);
    }

    @Test
    void boundToolsAreRefusedByAModelWithoutToolCalling() {
        var tools = List.<Map<String, Object>>of(Map.of("type", "function", "function",
                Map.of("name", "lookup", "parameters", Map.of("type", "object"))));

        RunResult result = llm.llmWithTools(LlmConfigService.TOOLS, tools).chat("use a tool");

        assertThat(result.success()).isFalse();
        assertThat(result.code()).isEqualTo("CAPABILITY_UNSUPPORTED");
    }
}
