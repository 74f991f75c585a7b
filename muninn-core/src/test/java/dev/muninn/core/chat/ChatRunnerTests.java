package dev.muninn.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muninn.core.fixture.AnthropicWire;
import dev.muninn.core.fixture.FixtureServer;
import dev.muninn.core.fixture.OpenAiWire;
import dev.muninn.core.options.MergedOptions;
import dev.muninn.core.options.OptionMerger;
import dev.muninn.core.provider.ApiFormat;
import dev.muninn.core.provider.ProviderConnection;
import dev.muninn.core.transport.CancelSignal;
import dev.muninn.core.transport.Transports;
import dev.muninn.core.transport.UpstreamHttp;
import dev.muninn.core.transport.internal.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ChatRunnerTests {

    // Port 1 lies outside the ephemeral range, so a refused connect can never turn into a self-connect.
    private static final String CLOSED_PORT_URL = "http://127.0.0.1:1";

    private static final String KEY = "sk-runner-SECRET-0123456789";
    private static final ModelProfile CAPABLE = new ModelProfile(true, true, true, true, true, false, 128_000, 3);
    private static final ModelProfile PLAIN = new ModelProfile(true, false, false, false, true, false, 0, 0);

    private final ChatRunner runner = new ChatRunner(Transports.create(UpstreamHttp.create(Duration.ofSeconds(1))));
    private FixtureServer server;

    @BeforeEach
    void startServer() {
        server = FixtureServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ChatTarget target(ModelProfile profile) {
        return new ChatTarget(new ProviderConnection("OpenAI", ApiFormat.OPENAI, server.baseUrl(), "/v1", Map.of(),
                KEY, Duration.ofSeconds(1)), true, "gpt-4o", profile);
    }

    private ChatTarget anthropicTarget() {
        return new ChatTarget(new ProviderConnection("Anthropic", ApiFormat.ANTHROPIC, server.baseUrl(), null,
                Map.of(), KEY, Duration.ofSeconds(1)), true, "claude-sonnet-4-5", CAPABLE);
    }

    private JsonNode sentBody() {
        return Json.MAPPER.readTree(server.lastRequest().body());
    }

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void aSuccessfulRunReportsTheAnswerUsageAndWhoAnswered() {
        server.json("POST", "/v1/chat/completions", 200, OpenAiWire.CHAT_COMPLETION);
        MergedOptions options = OptionMerger.merge(Map.of("top_p", 0.9, "model", "sneaky"), null, 0.7, 256,
                Map.of("seed", 42));

        ChatResult result = runner.run(target(CAPABLE), options, ChatRequest.ofUserText("Hello"));

        assertThat(result.success()).isTrue();
        assertThat(result.code()).isNull();
        assertThat(result.content()).isEqualTo("Hello there!");
        assertThat(result.assistantMessage().path("role").asString()).isEqualTo("assistant");
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.usage()).isEqualTo(new Usage(12, 3, 15));
        assertThat(result.provider()).isEqualTo("OpenAI");
        assertThat(result.model()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(result.latencyMs()).isGreaterThanOrEqualTo(0);
        JsonNode sent = sentBody();
        assertThat(sent.path("model").asString()).isEqualTo("gpt-4o");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(256);
        assertThat(sent.path("top_p").asDouble()).isEqualTo(0.9);
        assertThat(sent.path("seed").asInt()).isEqualTo(42);
        assertThat(sent.path("messages").get(0).path("content").asString()).isEqualTo("Hello");
        assertThat(sent.has("stream")).isFalse();
    }

    @Test
    void toolsAndResponseFormatFromTheRequestAreSent() {
        server.json("POST", "/v1/chat/completions", 200, OpenAiWire.TOOL_CALL_COMPLETION);
        JsonNode tools = json("[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{}}}]");

        ChatResult result = runner.run(target(CAPABLE), null, ChatRequest.ofMessages(
                        json("[{\"role\":\"user\",\"content\":\"Weather in Oslo?\"}]"))
                .withTools(tools, json("\"auto\"")));

        assertThat(result.success()).isTrue();
        assertThat(result.finishReason()).isEqualTo("tool_calls");
        assertThat(result.assistantMessage().path("tool_calls").get(0).path("function").path("name").asString())
                .isEqualTo("get_weather");
        assertThat(sentBody().path("tools")).isEqualTo(tools);
        assertThat(sentBody().path("tool_choice").asString()).isEqualTo("auto");
    }

    @Test
    void noTargetIsNoConfiguration() {
        ChatResult result = runner.run(null, null, ChatRequest.ofUserText("Hi"));

        assertThat(result.success()).isFalse();
        assertThat(result.code()).isEqualTo(ResultCode.NO_CONFIGURATION);
    }

    @Test
    void aDisabledModelIsRefusedUnlessExplicitlyAllowed() {
        server.json("POST", "/v1/chat/completions", 200, OpenAiWire.CHAT_COMPLETION);
        ChatTarget disabled = target(CAPABLE.withEnabled(false));

        ChatResult refused = runner.run(disabled, null, ChatRequest.ofUserText("Hi"));
        ChatResult allowed = runner.run(disabled, null, ChatRequest.ofUserText("Hi").allowingDisabled());

        assertThat(refused.code()).isEqualTo(ResultCode.MODEL_DISABLED);
        assertThat(allowed.success()).isTrue();
        assertThat(server.requests()).hasSize(1);
    }

    @Test
    void aDisabledProviderIsRefusedEvenWhenDisabledModelsAreAllowed() {
        ChatTarget target = target(CAPABLE);
        ChatTarget providerOff = new ChatTarget(target.connection(), false, target.model(), target.profile());

        ChatResult result = runner.run(providerOff, null, ChatRequest.ofUserText("Hi").allowingDisabled());

        assertThat(result.code()).isEqualTo(ResultCode.PROVIDER_DISABLED);
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void toolsForAModelWithoutToolCallingAreUnsupported() {
        ChatResult result = runner.run(target(PLAIN), null, ChatRequest.ofUserText("Hi")
                .withTools(json("[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]"), null));

        assertThat(result.code()).isEqualTo(ResultCode.CAPABILITY_UNSUPPORTED);
        assertThat(result.details()).containsEntry("capability", "tool_calling");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void jsonResponseFormatsNeedTheMatchingCapability() {
        ModelProfile objectOnly = new ModelProfile(true, false, true, false, true, false, 0, 0);

        ChatResult schema = runner.run(target(objectOnly), null, ChatRequest.ofUserText("Hi")
                .withResponseFormat(json("{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\"}}")));
        ChatResult object = runner.run(target(PLAIN), null, ChatRequest.ofUserText("Hi")
                .withResponseFormat(json("{\"type\":\"json_object\"}")));

        assertThat(schema.code()).isEqualTo(ResultCode.CAPABILITY_UNSUPPORTED);
        assertThat(schema.details()).containsEntry("capability", "response_format_json_schema");
        assertThat(object.code()).isEqualTo(ResultCode.CAPABILITY_UNSUPPORTED);
        assertThat(object.details()).containsEntry("capability", "response_format_json_object");
    }

    @Test
    void aPromptOverTheBudgetFailsBeforeSendingWithTheNumbers() {
        ModelProfile small = new ModelProfile(true, true, true, true, true, false, 50, 4);
        MergedOptions options = OptionMerger.merge(null, null, null, 20, null);

        ChatResult result = runner.run(target(small), options, ChatRequest.ofUserText("word ".repeat(40)));

        assertThat(result.code()).isEqualTo(ResultCode.PROMPT_TOO_LONG);
        assertThat(result.details()).containsKeys("estimate", "reserve", "overhead", "limit");
        assertThat(result.details()).containsEntry("reserve", 20).containsEntry("overhead", 4)
                .containsEntry("limit", 50);
        assertThat((Integer) result.details().get("estimate")).isGreaterThan(30);
        assertThat(result.provider()).isEqualTo("OpenAI");
        assertThat(result.model()).isEqualTo("gpt-4o");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void missingMessagesOrABadMaxTokensIsAnInvalidRequest() {
        ChatResult noMessages = runner.run(target(CAPABLE), null, ChatRequest.ofMessages(json("[]")));
        ChatResult badMaxTokens = runner.run(target(CAPABLE),
                OptionMerger.merge(null, null, null, null, Map.of("max_tokens", "lots")), ChatRequest.ofUserText("Hi"));

        assertThat(noMessages.code()).isEqualTo(ResultCode.INVALID_REQUEST);
        assertThat(badMaxTokens.code()).isEqualTo(ResultCode.INVALID_REQUEST);
    }

    @Test
    void anUpstreamErrorIsAProviderErrorWithStatusAndNoKey() {
        server.json("POST", "/v1/chat/completions", 401,
                OpenAiWire.error("Incorrect API key provided: " + KEY, "invalid_request_error", "invalid_api_key"));

        ChatResult result = runner.run(target(CAPABLE), null, ChatRequest.ofUserText("Hi"));

        assertThat(result.code()).isEqualTo(ResultCode.PROVIDER_ERROR);
        assertThat(result.details()).containsEntry("status", 401).containsEntry("kind", "UPSTREAM_STATUS");
        assertThat(result.message()).contains("Incorrect API key").doesNotContain(KEY);
        assertThat(result.toString()).doesNotContain(KEY);
    }

    @Test
    void aSlowProviderIsATimeout() {
        server.slow("POST", "/v1/chat/completions", Duration.ofSeconds(3), OpenAiWire.CHAT_COMPLETION);
        ChatTarget impatient = new ChatTarget(target(CAPABLE).connection().withRequestTimeout(Duration.ofMillis(250)),
                true, "gpt-4o", CAPABLE);

        ChatResult result = runner.run(impatient, null, ChatRequest.ofUserText("Hi"));

        assertThat(result.code()).isEqualTo(ResultCode.TIMEOUT);
        assertThat(result.latencyMs()).isLessThan(2000);
    }

    @Test
    void anUnreachableProviderIsAProviderError() {
        ChatTarget nowhere = new ChatTarget(ProviderConnection.of("Gone", ApiFormat.OPENAI,
                CLOSED_PORT_URL, KEY), true, "gpt-4o", CAPABLE);

        ChatResult result = runner.run(nowhere, null, ChatRequest.ofUserText("Hi"));

        assertThat(result.code()).isEqualTo(ResultCode.PROVIDER_ERROR);
        assertThat(result.details()).containsEntry("kind", "UNREACHABLE");
    }

    @Test
    void streamingDeliversChunksInOrderThenOneAssembledResult() {
        server.sse("/v1/chat/completions", OpenAiWire.STREAM, Duration.ofMillis(2));
        List<String> events = new ArrayList<>();
        AtomicReference<ChatResult> completed = new AtomicReference<>();

        ChatResult result = runner.stream(target(CAPABLE), null, ChatRequest.ofUserText("Hi"), new CancelSignal(),
                new ChatStreamListener() {
                    @Override
                    public void onChunk(ObjectNode chunk) {
                        events.add("chunk:" + chunk.path("choices").path(0).path("delta").path("content").asString(""));
                    }

                    @Override
                    public void onComplete(ChatResult finalResult) {
                        events.add("complete");
                        completed.set(finalResult);
                    }
                });

        assertThat(events).containsExactly("chunk:", "chunk:Hel", "chunk:lo ", "chunk:world", "chunk:", "chunk:",
                "complete");
        assertThat(completed.get()).isSameAs(result);
        assertThat(result.success()).isTrue();
        assertThat(result.content()).isEqualTo("Hello world");
        assertThat(result.finishReason()).isEqualTo("stop");
        assertThat(result.usage()).isEqualTo(new Usage(9, 3, 12));
        assertThat(result.model()).isEqualTo("gpt-4o-mini");
    }

    @Test
    void streamingFromAnthropicAssemblesTextAndToolCalls() {
        server.sse("/v1/messages", AnthropicWire.TOOL_USE_STREAM, Duration.ZERO);

        ChatResult result = runner.stream(anthropicTarget(), null, ChatRequest.ofUserText("Weather?")
                .withTools(json("[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\"}}]"), null),
                new CancelSignal(), chunk -> { });

        assertThat(result.success()).isTrue();
        assertThat(result.content()).isEqualTo("Okay, let's check the weather.");
        assertThat(result.finishReason()).isEqualTo("tool_calls");
        JsonNode call = result.assistantMessage().path("tool_calls").get(0);
        assertThat(call.path("id").asString()).isEqualTo("toolu_01T1x1fJ34qAmk2tNTrN7Up6");
        assertThat(json(call.path("function").path("arguments").asString()).path("location").asString())
                .isEqualTo("San Francisco, CA");
        assertThat(result.usage()).isEqualTo(new Usage(472, 89, 561));
    }

    @Test
    void aNonStreamingAnthropicRunComesBackInOpenAiShape() {
        server.json("POST", "/v1/messages", 200, AnthropicWire.TEXT_MESSAGE);

        ChatResult result = runner.run(anthropicTarget(), null, ChatRequest.ofUserText("Hi"));

        assertThat(result.content()).isEqualTo("Hi! How can I help?");
        assertThat(result.finishReason()).isEqualTo("length");
        assertThat(result.usage()).isEqualTo(new Usage(10, 7, 17));
        assertThat(sentBody().path("max_tokens").asInt()).isEqualTo(4096);
    }

    @Test
    void aConsumerThatFailsCancelsTheStream() {
        server.sse("/v1/chat/completions", OpenAiWire.STREAM, Duration.ofMillis(2));
        List<ObjectNode> seen = new ArrayList<>();

        ChatResult result = runner.stream(target(CAPABLE), null, ChatRequest.ofUserText("Hi"), new CancelSignal(),
                chunk -> {
                    seen.add(chunk);
                    if (seen.size() == 2) {
                        throw new IllegalStateException("client disconnected");
                    }
                });

        assertThat(result.code()).isEqualTo(ResultCode.CANCELLED);
        assertThat(seen).hasSize(2);
    }

    @Test
    void aStreamThatBreaksOffIsAProviderErrorAfterTheDeliveredChunks() {
        server.on("POST", "/v1/chat/completions", exchange -> {
            byte[] part = (OpenAiWire.STREAM.get(0) + "\n\n" + OpenAiWire.STREAM.get(1) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, part.length + 500);
            exchange.getResponseBody().write(part);
            exchange.getResponseBody().flush();
        });
        List<ObjectNode> seen = new ArrayList<>();

        ChatResult result = runner.stream(target(CAPABLE), null, ChatRequest.ofUserText("Hi"), new CancelSignal(),
                seen::add);

        assertThat(seen).hasSize(2);
        assertThat(result.code()).isEqualTo(ResultCode.PROVIDER_ERROR);
        assertThat(result.details()).containsEntry("kind", "BROKEN_STREAM");
    }

    @Test
    void streamingAModelThatCannotStreamIsUnsupported() {
        ModelProfile noStreaming = new ModelProfile(true, true, true, true, false, false, 0, 0);

        ChatResult result = runner.stream(target(noStreaming), null, ChatRequest.ofUserText("Hi"), null, chunk -> { });

        assertThat(result.code()).isEqualTo(ResultCode.CAPABILITY_UNSUPPORTED);
    }

    @Test
    void embeddingsReturnVectorsInInputOrder() {
        server.json("POST", "/v1/embeddings", 200, OpenAiWire.EMBEDDINGS);
        ModelProfile embedder = new ModelProfile(true, false, false, false, false, true, 8191, 0);
        ChatTarget target = new ChatTarget(target(embedder).connection(), true, "text-embedding-3-small", embedder);
        // The embeddings interaction's temperature must not reach the embeddings API.
        MergedOptions options = OptionMerger.merge(null, Map.of("dimensions", 3), 0.0, null, null);

        EmbeddingResult result = runner.embed(target, options, EmbeddingRequest.of(List.of("first", "second")));

        assertThat(result.success()).isTrue();
        assertThat(result.vectors()).containsExactly(List.of(0.1, 0.2, 0.3), List.of(0.5, -0.25, 0.125));
        assertThat(result.usage().promptTokens()).isEqualTo(4);
        JsonNode sent = sentBody();
        assertThat(sent.path("input")).hasSize(2);
        assertThat(sent.path("dimensions").asInt()).isEqualTo(3);
        assertThat(sent.has("temperature")).isFalse();
    }

    @Test
    void embeddingsWithAChatOnlyModelOrAnthropicAreUnsupported() {
        EmbeddingResult chatModel = runner.embed(target(CAPABLE), null, EmbeddingRequest.of("x"));
        EmbeddingResult anthropic = runner.embed(anthropicTarget(), null, EmbeddingRequest.of("x"));

        assertThat(chatModel.code()).isEqualTo(ResultCode.CAPABILITY_UNSUPPORTED);
        assertThat(anthropic.code()).isEqualTo(ResultCode.CAPABILITY_UNSUPPORTED);
    }

    @Test
    void connectionTestSendsTheSmallestChatAndReportsLatency() {
        server.json("POST", "/v1/chat/completions", 200, OpenAiWire.CHAT_COMPLETION);

        ConnectionTestResult result = runner.testConnection(target(CAPABLE.withEnabled(false)));

        assertThat(result.success()).isTrue();
        assertThat(result.latencyMs()).isGreaterThanOrEqualTo(0);
        assertThat(sentBody().path("max_tokens").asInt()).isEqualTo(1);
    }

    @Test
    void connectionTestOfAReasoningModelUsesMaxCompletionTokens() {
        server.json("POST", "/v1/chat/completions", 200, OpenAiWire.CHAT_COMPLETION);
        ChatTarget o3 = new ChatTarget(target(CAPABLE).connection(), true, "o3-mini", CAPABLE);

        runner.testConnection(o3);

        assertThat(sentBody().path("max_completion_tokens").asInt()).isEqualTo(1);
        assertThat(sentBody().has("max_tokens")).isFalse();
    }

    @Test
    void connectionTestOfAnEmbeddingsModelEmbedsOneWord() {
        server.json("POST", "/v1/embeddings", 200, OpenAiWire.EMBEDDINGS);
        ModelProfile embedder = new ModelProfile(true, false, false, false, false, true, 8191, 0);

        ConnectionTestResult result = runner.testConnection(
                new ChatTarget(target(embedder).connection(), true, "text-embedding-3-small", embedder));

        assertThat(result.success()).isTrue();
        assertThat(server.lastRequest().path()).isEqualTo("/v1/embeddings");
    }

    @Test
    void aFailedConnectionTestCarriesTheErrorWithoutTheKey() {
        server.json("POST", "/v1/chat/completions", 404,
                OpenAiWire.error("The model `gpt-4o` does not exist (key " + KEY + ")", "invalid_request_error",
                        "model_not_found"));

        ConnectionTestResult result = runner.testConnection(target(CAPABLE));

        assertThat(result.success()).isFalse();
        assertThat(result.code()).isEqualTo(ResultCode.PROVIDER_ERROR);
        assertThat(result.message()).contains("does not exist").doesNotContain(KEY);
    }

    @Test
    void aTargetPrintsWithoutItsKey() {
        assertThat(target(CAPABLE).toString()).contains("gpt-4o").doesNotContain(KEY);
    }

    @Test
    void aGatewayBodySplitsIntoRequestAndOptionsAndRoundTrips() {
        server.json("POST", "/v1/chat/completions", 200, OpenAiWire.CHAT_COMPLETION);
        JsonNode body = json("""
                {"model":"alias","stream":true,"messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"type":"function","function":{"name":"f"}}],"tool_choice":"auto",
                 "temperature":0.3,"stop":["x"],"provider":{"order":["a"]}}""");

        ChatResult result = runner.run(target(CAPABLE),
                OptionMerger.merge(null, null, 0.9, null, ChatRequest.optionsOf(body)), ChatRequest.fromOpenAiBody(body));

        assertThat(ChatRequest.optionsOf(body)).containsOnlyKeys("temperature", "stop", "provider");
        assertThat(result.success()).isTrue();
        JsonNode sent = sentBody();
        assertThat(sent.path("model").asString()).isEqualTo("gpt-4o");
        assertThat(sent.path("temperature").asDouble()).isEqualTo(0.3);
        assertThat(sent.path("provider").path("order").get(0).asString()).isEqualTo("a");
        assertThat(sent.path("tool_choice").asString()).isEqualTo("auto");
        assertThat(sent.has("stream")).isFalse();
    }
}
