package dev.muninn.core.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.muninn.core.fixture.FixtureServer;
import dev.muninn.core.fixture.OpenAiWire;
import dev.muninn.core.provider.ApiFormat;
import dev.muninn.core.provider.ProviderConnection;
import dev.muninn.core.provider.ProviderException;
import dev.muninn.core.transport.internal.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class OpenAiTransportTests {

    // Port 1 lies outside the ephemeral range, so a refused connect can never turn into a self-connect.
    private static final String CLOSED_PORT_URL = "http://127.0.0.1:1";

    private static final String KEY = "sk-test-SECRET-0123456789abcdef";
    private static final UpstreamHttp HTTP = UpstreamHttp.create(Duration.ofSeconds(2));

    private final ProviderTransport transport = Transports.create(HTTP);
    private FixtureServer server;
    private ProviderConnection connection;

    @BeforeEach
    void startServer() {
        server = FixtureServer.start();
        connection = new ProviderConnection("OpenAI", ApiFormat.OPENAI, server.baseUrl(), "/v1",
                Map.of("HTTP-Referer", "https://muninn.dev"), KEY, Duration.ofSeconds(2));
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private static ObjectNode request(String json) {
        return (ObjectNode) Json.MAPPER.readTree(json);
    }

    @Test
    void chatSendsTheRequestUntouchedWithBearerAuthAndExtraHeaders() {
        server.json("POST", "/v1/chat/completions", 200, OpenAiWire.CHAT_COMPLETION);
        ObjectNode sent = request("""
                {"model":"gpt-4o","messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object"}}}],
                 "response_format":{"type":"json_object"},"logit_bias":{"50256":-100},"seed":7}""");

        ObjectNode response = transport.chat(connection, sent);

        assertThat(response.path("choices").path(0).path("message").path("content").asString()).isEqualTo("Hello there!");
        FixtureServer.Recorded recorded = server.lastRequest();
        assertThat(recorded.path()).isEqualTo("/v1/chat/completions");
        assertThat(recorded.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(recorded.header("HTTP-Referer")).isEqualTo("https://muninn.dev");
        assertThat(Json.MAPPER.readTree(recorded.body())).isEqualTo(sent);
    }

    @Test
    void streamDeliversEveryChunkInOrderAndCompletes() {
        server.sse("/v1/chat/completions", OpenAiWire.STREAM, Duration.ofMillis(5));
        List<String> contents = new ArrayList<>();
        List<ObjectNode> chunks = new ArrayList<>();

        StreamOutcome outcome = transport.streamChat(connection, request("""
                {"model":"gpt-4o-mini","messages":[{"role":"user","content":"Hi"}]}"""), new CancelSignal(), chunk -> {
            chunks.add(chunk);
            contents.add(chunk.path("choices").path(0).path("delta").path("content").asString(""));
        });

        assertThat(outcome).isEqualTo(StreamOutcome.COMPLETED);
        assertThat(chunks).hasSize(6);
        assertThat(String.join("", contents)).isEqualTo("Hello world");
        assertThat(chunks.get(4).path("choices").path(0).path("finish_reason").asString()).isEqualTo("stop");
        assertThat(chunks.get(5).path("usage").path("total_tokens").asInt()).isEqualTo(12);
        assertThat(Json.MAPPER.readTree(server.lastRequest().body()).path("stream").asBoolean()).isTrue();
    }

    @Test
    void streamHandsOnEachChunkBeforeTheUpstreamSendsTheNext() {
        // The server holds back the rest of the stream until the consumer has seen the first chunk:
        // a transport that buffered the whole body would wait forever (here: fail on the latch).
        CountDownLatch firstChunkSeen = new CountDownLatch(1);
        List<Boolean> serverSawConsumerInTime = new CopyOnWriteArrayList<>();
        server.on("POST", "/v1/chat/completions", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write((OpenAiWire.STREAM.get(1) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                serverSawConsumerInTime.add(FixtureServer.await(firstChunkSeen, Duration.ofSeconds(2)));
                out.write((OpenAiWire.STREAM.get(2) + "\n\ndata: [DONE]\n\n").getBytes(StandardCharsets.UTF_8));
            }
        });

        StreamOutcome outcome = transport.streamChat(connection, request("{\"model\":\"m\",\"messages\":[]}"),
                new CancelSignal(), chunk -> firstChunkSeen.countDown());

        assertThat(outcome).isEqualTo(StreamOutcome.COMPLETED);
        assertThat(serverSawConsumerInTime).containsExactly(true);
    }

    @Test
    void cancellingClosesTheUpstreamConnection() {
        CountDownLatch upstreamNoticed = new CountDownLatch(1);
        server.on("POST", "/v1/chat/completions", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            try {
                for (int i = 0; i < 1000; i++) {
                    out.write((OpenAiWire.chunk("{\"content\":\"tick\"}", null) + "\n\n")
                            .getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    FixtureServer.sleep(Duration.ofMillis(10));
                }
            } catch (IOException clientClosed) {
                upstreamNoticed.countDown();
                throw clientClosed;
            }
        });
        CancelSignal cancel = new CancelSignal();
        List<ObjectNode> received = new ArrayList<>();

        StreamOutcome outcome = transport.streamChat(connection, request("{\"model\":\"m\",\"messages\":[]}"), cancel,
                chunk -> {
                    received.add(chunk);
                    if (received.size() == 3) {
                        cancel.cancel();
                    }
                });

        assertThat(outcome).isEqualTo(StreamOutcome.CANCELLED);
        assertThat(received).hasSize(3);
        assertThat(FixtureServer.await(upstreamNoticed, Duration.ofSeconds(5)))
                .as("the upstream saw its connection closed").isTrue();
    }

    @Test
    void cancellingFromAnotherThreadUnblocksAWaitingStream() throws Exception {
        server.on("POST", "/v1/chat/completions", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write((OpenAiWire.STREAM.get(0) + "\n\n").getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            FixtureServer.sleep(Duration.ofSeconds(3)); // a model thinking for a long time
        });
        CancelSignal cancel = new CancelSignal();
        CountDownLatch firstChunk = new CountDownLatch(1);
        Thread canceller = new Thread(() -> {
            FixtureServer.await(firstChunk, Duration.ofSeconds(2));
            cancel.cancel();
        });
        canceller.start();
        long started = System.nanoTime();

        StreamOutcome outcome = transport.streamChat(connection.withRequestTimeout(Duration.ofSeconds(10)),
                request("{\"model\":\"m\",\"messages\":[]}"), cancel, chunk -> firstChunk.countDown());

        canceller.join();
        assertThat(outcome).isEqualTo(StreamOutcome.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void cancellingBeforeTheFirstByteAbortsTheRequest() throws Exception {
        server.slow("POST", "/v1/chat/completions", Duration.ofSeconds(3), OpenAiWire.CHAT_COMPLETION);
        CancelSignal cancel = new CancelSignal();
        Thread canceller = new Thread(() -> {
            FixtureServer.sleep(Duration.ofMillis(200));
            cancel.cancel();
        });
        canceller.start();
        long started = System.nanoTime();

        StreamOutcome outcome = transport.streamChat(connection.withRequestTimeout(Duration.ofSeconds(10)),
                request("{\"model\":\"m\",\"messages\":[]}"), cancel, chunk -> { });

        canceller.join();
        assertThat(outcome).isEqualTo(StreamOutcome.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void anUpstreamDyingMidStreamFailsAfterTheDeliveredChunks() {
        // Declares a longer body than it sends, then drops the connection.
        server.on("POST", "/v1/chat/completions", exchange -> {
            byte[] part = (OpenAiWire.STREAM.get(0) + "\n\n" + OpenAiWire.STREAM.get(1) + "\n\n")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, part.length + 1000);
            exchange.getResponseBody().write(part);
            exchange.getResponseBody().flush();
            exchange.close();
        });
        List<ObjectNode> received = new ArrayList<>();

        ProviderException failure = catchThrowableOfType(ProviderException.class, () -> transport.streamChat(connection,
                request("{\"model\":\"m\",\"messages\":[]}"), new CancelSignal(), received::add));

        assertThat(received).hasSize(2);
        assertThat(failure.kind()).isEqualTo(ProviderException.Kind.BROKEN_STREAM);
    }

    @Test
    void aStreamEndingWithoutDoneIsBroken() {
        server.sse("/v1/chat/completions", OpenAiWire.STREAM.subList(0, 3), Duration.ZERO);
        List<ObjectNode> received = new ArrayList<>();

        ProviderException failure = catchThrowableOfType(ProviderException.class, () -> transport.streamChat(connection,
                request("{\"model\":\"m\",\"messages\":[]}"), new CancelSignal(), received::add));

        assertThat(received).hasSize(3);
        assertThat(failure.kind()).isEqualTo(ProviderException.Kind.BROKEN_STREAM);
        assertThat(failure).hasMessageContaining("end marker");
    }

    @Test
    void aStalledStreamTimesOut() {
        server.on("POST", "/v1/chat/completions", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write((OpenAiWire.STREAM.get(0) + "\n\n").getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            FixtureServer.sleep(Duration.ofSeconds(3));
        });
        long started = System.nanoTime();

        ProviderException failure = catchThrowableOfType(ProviderException.class, () -> transport.streamChat(
                connection.withRequestTimeout(Duration.ofMillis(300)), request("{\"model\":\"m\",\"messages\":[]}"),
                new CancelSignal(), chunk -> { }));

        assertThat(failure.kind()).isEqualTo(ProviderException.Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void upstreamClientErrorCarriesStatusAndMessageButNeverTheKey() {
        server.json("POST", "/v1/chat/completions", 401,
                OpenAiWire.error("Incorrect API key provided: " + KEY + ". Find your key at platform.openai.com.",
                        "invalid_request_error", "invalid_api_key"));

        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> transport.chat(connection, request("{\"model\":\"m\",\"messages\":[]}")));

        assertThat(failure.kind()).isEqualTo(ProviderException.Kind.UPSTREAM_STATUS);
        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.getMessage()).contains("HTTP 401").contains("Incorrect API key provided")
                .doesNotContain(KEY).doesNotContain("SECRET");
    }

    @Test
    void upstreamServerErrorWithAnHtmlBodyIsReportedTruncated() {
        server.json("POST", "/v1/chat/completions", 502, "<html>" + "bad gateway ".repeat(200) + "</html>");

        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> transport.chat(connection, request("{\"model\":\"m\",\"messages\":[]}")));

        assertThat(failure.kind()).isEqualTo(ProviderException.Kind.UPSTREAM_STATUS);
        assertThat(failure.status()).isEqualTo(502);
        assertThat(failure.getMessage()).hasSizeLessThan(600);
    }

    @Test
    void streamingRequestRejectedUpfrontIsAStatusError() {
        server.json("POST", "/v1/chat/completions", 429,
                OpenAiWire.error("Rate limit reached", "requests", "rate_limit_exceeded"));

        ProviderException failure = catchThrowableOfType(ProviderException.class, () -> transport.streamChat(connection,
                request("{\"model\":\"m\",\"messages\":[]}"), new CancelSignal(), chunk -> { }));

        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.getMessage()).contains("Rate limit reached");
    }

    @Test
    void aSlowServerTimesOutQuickly() {
        server.slow("POST", "/v1/chat/completions", Duration.ofSeconds(3), OpenAiWire.CHAT_COMPLETION);
        long started = System.nanoTime();

        ProviderException failure = catchThrowableOfType(ProviderException.class, () -> transport.chat(
                connection.withRequestTimeout(Duration.ofMillis(300)), request("{\"model\":\"m\",\"messages\":[]}")));

        assertThat(failure.kind()).isEqualTo(ProviderException.Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aClosedPortIsUnreachable() {
        ProviderConnection nowhere = ProviderConnection.of("Local", ApiFormat.OPENAI, CLOSED_PORT_URL, KEY);

        assertThatThrownBy(() -> transport.chat(nowhere, request("{\"model\":\"m\",\"messages\":[]}")))
                .isInstanceOfSatisfying(ProviderException.class,
                        e -> assertThat(e.kind()).isEqualTo(ProviderException.Kind.UNREACHABLE))
                .message().doesNotContain(KEY);
    }

    @Test
    void aNonJsonAnswerIsAnInvalidResponse() {
        server.on("POST", "/v1/chat/completions", exchange -> {
            byte[] body = "this is not json".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        });

        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> transport.chat(connection, request("{\"model\":\"m\",\"messages\":[]}")));

        assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID_RESPONSE);
    }

    @Test
    void embeddingsPostsTheInputAndReturnsTheResponse() {
        server.json("POST", "/v1/embeddings", 200, OpenAiWire.EMBEDDINGS);

        ObjectNode response = transport.embeddings(connection,
                request("{\"model\":\"text-embedding-3-small\",\"input\":[\"a\",\"b\"]}"));

        assertThat(response.path("data")).hasSize(2);
        JsonNode sent = Json.MAPPER.readTree(server.lastRequest().body());
        assertThat(sent.path("input").get(1).asString()).isEqualTo("b");
    }

    @Test
    void anEmptyApiPrefixTalksToTheBaseUrlDirectly() {
        server.json("POST", "/chat/completions", 200, OpenAiWire.CHAT_COMPLETION);
        ProviderConnection noPrefix = new ProviderConnection("Proxy", ApiFormat.OPENAI, server.baseUrl() + "/", "",
                Map.of(), null, null);

        transport.chat(noPrefix, request("{\"model\":\"m\",\"messages\":[]}"));

        assertThat(server.lastRequest().path()).isEqualTo("/chat/completions");
        assertThat(server.lastRequest().header("Authorization")).isNull();
    }
}
