package dev.muninn.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.muninn.core.fixture.AnthropicWire;
import dev.muninn.core.fixture.FixtureServer;
import dev.muninn.core.provider.ApiFormat;
import dev.muninn.core.provider.ProviderConnection;
import dev.muninn.core.provider.ProviderException;
import dev.muninn.core.transport.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class AnthropicTransportTests {

    private static final String KEY = "sk-ant-api03-SECRET-abcdefghijklmnop";

    private final ProviderTransport transport = Transports.create(UpstreamHttp.create(Duration.ofSeconds(2)));
    private FixtureServer server;
    private ProviderConnection connection;

    @BeforeEach
    void startServer() {
        server = FixtureServer.start();
        connection = new ProviderConnection("Anthropic", ApiFormat.ANTHROPIC, server.baseUrl(), null, Map.of(), KEY,
                Duration.ofSeconds(2));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static ObjectNode request(String json) {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    private JsonNode sentBody() {
        return Json.MAPPER.readTree(server.lastRequest().body());
    }

    private static final String TOOL_CONVERSATION = """
            {"model":"claude-sonnet-4-5","temperature":0.2,"top_p":0.9,"stop":"END","seed":1,
             "frequency_penalty":0.5,"user":"user-42","parallel_tool_calls":false,
             "messages":[
               {"role":"system","content":"You are terse."},
               {"role":"developer","content":[{"type":"text","text":"Use metric units."}]},
               {"role":"user","content":"Weather in Oslo and Bergen?"},
               {"role":"assistant","content":null,"tool_calls":[
                 {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Oslo\\"}"}},
                 {"id":"call_2","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Bergen\\"}"}}]},
               {"role":"tool","tool_call_id":"call_1","content":"4 C"},
               {"role":"tool","tool_call_id":"call_2","content":"7 C, rain"},
               {"role":"user","content":[{"type":"text","text":"And this picture?"},
                 {"type":"image_url","image_url":{"url":"data:image/png;base64,iVBORw0KGgo="}}]}
             ],
             "tools":[{"type":"function","function":{"name":"get_weather","description":"Current weather",
                       "parameters":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}}],
             "tool_choice":"required"}""";

    @Test
    void chatTranslatesAnOpenAiConversationIntoAnthropicsMessagesRequest() {
        server.json("POST", "/v1/messages", 200, AnthropicWire.TEXT_MESSAGE);

        transport.chat(connection, request(TOOL_CONVERSATION));

        FixtureServer.Recorded recorded = server.lastRequest();
        assertThat(recorded.path()).isEqualTo("/v1/messages");
        assertThat(recorded.header("x-api-key")).isEqualTo(KEY);
        assertThat(recorded.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(recorded.header("Authorization")).isNull();
        JsonNode body = sentBody();
        assertThat(body.path("system").asString()).isEqualTo("You are terse.\n\nUse metric units.");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(4096);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(body.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.path("stop_sequences").get(0).asString()).isEqualTo("END");
        assertThat(body.has("seed")).isFalse();
        assertThat(body.has("frequency_penalty")).isFalse();
        assertThat(body.has("stream")).isFalse();
        assertThat(body.path("metadata").path("user_id").asString()).isEqualTo("user-42");

        JsonNode tool = body.path("tools").get(0);
        assertThat(tool.path("name").asString()).isEqualTo("get_weather");
        assertThat(tool.path("description").asString()).isEqualTo("Current weather");
        assertThat(tool.path("input_schema").path("required").get(0).asString()).isEqualTo("city");
        assertThat(body.path("tool_choice").path("type").asString()).isEqualTo("any");
        assertThat(body.path("tool_choice").path("disable_parallel_tool_use").asBoolean()).isTrue();

        JsonNode messages = body.path("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("role").asString()).isEqualTo("user");
        JsonNode assistant = messages.get(1);
        assertThat(assistant.path("role").asString()).isEqualTo("assistant");
        assertThat(assistant.path("content").get(0).path("type").asString()).isEqualTo("tool_use");
        assertThat(assistant.path("content").get(0).path("id").asString()).isEqualTo("call_1");
        assertThat(assistant.path("content").get(1).path("input").path("city").asString()).isEqualTo("Bergen");
        JsonNode results = messages.get(2).path("content");
        assertThat(messages.get(2).path("role").asString()).isEqualTo("user");
        assertThat(results.get(0).path("type").asString()).isEqualTo("tool_result");
        assertThat(results.get(0).path("tool_use_id").asString()).isEqualTo("call_1");
        assertThat(results.get(1).path("content").asString()).isEqualTo("7 C, rain");
        // The next user message joins the tool results' turn, after them, as Anthropic requires alternation.
        assertThat(results).hasSize(4);
        assertThat(results.get(2).path("text").asString()).isEqualTo("And this picture?");
        assertThat(results.get(3).path("type").asString()).isEqualTo("image");
        assertThat(results.get(3).path("source").path("media_type").asString()).isEqualTo("image/png");
        assertThat(results.get(3).path("source").path("data").asString()).isEqualTo("iVBORw0KGgo=");
    }

    @Test
    void explicitMaxTokensAndNamedToolChoiceAreTranslated() {
        server.json("POST", "/v1/messages", 200, AnthropicWire.TEXT_MESSAGE);

        transport.chat(connection, request("""
                {"model":"claude-3-5-haiku-latest","max_tokens":300,"stop":["a","b"],
                 "messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"type":"function","function":{"name":"lookup"}}],
                 "tool_choice":{"type":"function","function":{"name":"lookup"}}}"""));

        JsonNode body = sentBody();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("stop_sequences")).hasSize(2);
        assertThat(body.path("tools").get(0).path("input_schema").path("type").asString()).isEqualTo("object");
        assertThat(body.path("tool_choice").path("type").asString()).isEqualTo("tool");
        assertThat(body.path("tool_choice").path("name").asString()).isEqualTo("lookup");
    }

    @Test
    void chatTranslatesToolUseAndUsageBackToOpenAiShape() {
        server.json("POST", "/v1/messages", 200, AnthropicWire.TOOL_USE_MESSAGE);

        ObjectNode response = transport.chat(connection, request(TOOL_CONVERSATION));

        assertThat(response.path("object").asString()).isEqualTo("chat.completion");
        assertThat(response.path("model").asString()).isEqualTo("claude-sonnet-4-5-20250929");
        JsonNode choice = response.path("choices").get(0);
        assertThat(choice.path("finish_reason").asString()).isEqualTo("tool_calls");
        JsonNode message = choice.path("message");
        assertThat(message.path("role").asString()).isEqualTo("assistant");
        assertThat(message.path("content").asString()).isEqualTo("I'll check the weather.");
        JsonNode call = message.path("tool_calls").get(0);
        assertThat(call.path("id").asString()).isEqualTo("toolu_01A09q90qw90lq917835lq9");
        assertThat(call.path("type").asString()).isEqualTo("function");
        assertThat(call.path("function").path("name").asString()).isEqualTo("get_weather");
        JsonNode arguments = Json.MAPPER.readTree(call.path("function").path("arguments").asString());
        assertThat(arguments.path("location").asString()).isEqualTo("San Francisco, CA");
        assertThat(response.path("usage").path("prompt_tokens").asInt()).isEqualTo(472);
        assertThat(response.path("usage").path("completion_tokens").asInt()).isEqualTo(89);
        assertThat(response.path("usage").path("total_tokens").asInt()).isEqualTo(561);
    }

    @Test
    void maxTokensStopReasonBecomesLength() {
        server.json("POST", "/v1/messages", 200, AnthropicWire.TEXT_MESSAGE);

        ObjectNode response = transport.chat(connection, request("{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"));

        assertThat(response.path("choices").get(0).path("finish_reason").asString()).isEqualTo("length");
        assertThat(response.path("choices").get(0).path("message").path("content").asString())
                .isEqualTo("Hi! How can I help?");
    }

    @Test
    void streamTranslatesTheFullEventSequenceIntoChunks() {
        server.sse("/v1/messages", AnthropicWire.TOOL_USE_STREAM, Duration.ofMillis(2));
        List<ObjectNode> chunks = new ArrayList<>();

        StreamOutcome outcome = transport.streamChat(connection, request(TOOL_CONVERSATION), new CancelSignal(),
                chunks::add);

        assertThat(outcome).isEqualTo(StreamOutcome.COMPLETED);
        assertThat(sentBody().path("stream").asBoolean()).isTrue();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").asString()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").asString()).isEqualTo("msg_014p7gG3wDgGV9EUtLvnow3U");
        });
        List<JsonNode> deltas = chunks.stream().map(c -> c.path("choices").get(0).path("delta")).toList();
        assertThat(deltas.get(0).path("role").asString()).isEqualTo("assistant");
        String text = deltas.stream().map(d -> d.path("content").asString("")).reduce("", String::concat);
        assertThat(text).isEqualTo("Okay, let's check the weather.");

        List<JsonNode> toolDeltas = deltas.stream().filter(d -> d.has("tool_calls"))
                .map(d -> d.path("tool_calls").get(0)).toList();
        assertThat(toolDeltas.get(0).path("id").asString()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
        assertThat(toolDeltas.get(0).path("function").path("name").asString()).isEqualTo("get_weather");
        assertThat(toolDeltas).allSatisfy(d -> assertThat(d.path("index").asInt()).isZero());
        String arguments = toolDeltas.stream().map(d -> d.path("function").path("arguments").asString(""))
                .reduce("", String::concat);
        assertThat(Json.MAPPER.readTree(arguments).path("location").asString()).isEqualTo("San Francisco, CA");

        ObjectNode last = chunks.get(chunks.size() - 1);
        assertThat(last.path("choices").get(0).path("finish_reason").asString()).isEqualTo("tool_calls");
        assertThat(last.path("usage").path("prompt_tokens").asInt()).isEqualTo(472);
        assertThat(last.path("usage").path("completion_tokens").asInt()).isEqualTo(89);
    }

    @Test
    void anErrorEventMidStreamFailsAfterTheDeliveredChunks() {
        server.sse("/v1/messages", AnthropicWire.OVERLOADED_STREAM, Duration.ZERO);
        List<ObjectNode> chunks = new ArrayList<>();

        ProviderException failure = catchThrowableOfType(ProviderException.class, () -> transport.streamChat(
                connection, request(TOOL_CONVERSATION), new CancelSignal(), chunks::add));

        assertThat(chunks).hasSize(2); // role chunk, "Okay"
        assertThat(failure.kind()).isEqualTo(ProviderException.Kind.BROKEN_STREAM);
        assertThat(failure).hasMessageContaining("Overloaded");
    }

    @Test
    void aStreamCutBeforeMessageStopIsBroken() {
        server.sse("/v1/messages", AnthropicWire.TOOL_USE_STREAM.subList(0, 5), Duration.ZERO);

        ProviderException failure = catchThrowableOfType(ProviderException.class, () -> transport.streamChat(
                connection, request(TOOL_CONVERSATION), new CancelSignal(), chunk -> { }));

        assertThat(failure.kind()).isEqualTo(ProviderException.Kind.BROKEN_STREAM);
    }

    @Test
    void anAuthenticationErrorIsAStatusErrorWithAnthropicsMessage() {
        server.json("POST", "/v1/messages", 401, AnthropicWire.AUTH_ERROR);

        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> transport.chat(connection, request(TOOL_CONVERSATION)));

        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.getMessage()).contains("invalid x-api-key").doesNotContain(KEY);
    }
}
