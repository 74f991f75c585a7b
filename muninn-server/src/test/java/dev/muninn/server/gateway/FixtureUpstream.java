package dev.muninn.server.gateway;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A small upstream on 127.0.0.1 for what the built-in mock cannot do: speak Anthropic's
 * Messages API (plain and streamed), and stream slowly while noticing when its reader leaves.
 */
final class FixtureUpstream implements AutoCloseable {

    static final String ANTHROPIC_MESSAGE = """
            {"id":"msg_02","type":"message","role":"assistant","model":"claude-fixture",
             "content":[{"type":"text","text":"Hi from Claude"}],
             "stop_reason":"end_turn","stop_sequence":null,
             "usage":{"input_tokens":10,"output_tokens":4}}""";

    static final List<String> ANTHROPIC_STREAM = List.of(
            event("message_start", "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_03\",\"type\":\"message\","
                    + "\"role\":\"assistant\",\"model\":\"claude-fixture\",\"stop_sequence\":null,"
                    + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1},\"content\":[],\"stop_reason\":null}}"),
            event("content_block_start", "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}"),
            event("ping", "{\"type\": \"ping\"}"),
            event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi \"}}"),
            event("content_block_delta", "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"there\"}}"),
            event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}"),
            event("message_delta", "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                    + "\"usage\":{\"output_tokens\":2}}"),
            event("message_stop", "{\"type\":\"message_stop\"}"));

    private final HttpServer server;
    final AtomicReference<String> lastAnthropicBody = new AtomicReference<>();
    final CountDownLatch slowStreamStarted = new CountDownLatch(1);
    /** Counted down when the slow stream's reader went away before the stream's end. */
    final CountDownLatch slowStreamAbandoned = new CountDownLatch(1);

    FixtureUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/anthropic/v1/messages", this::anthropic);
        server.createContext("/slow/v1/chat/completions", this::slowStream);
        server.createContext("/sized/v1/chat/completions", this::sizedStream);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static String event(String name, String data) {
        return "event: " + name + "\ndata: " + data + "\n\n";
    }

    private void anthropic(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        lastAnthropicBody.set(body);
        if (body.contains("\"stream\":true")) {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (String event : ANTHROPIC_STREAM) {
                    out.write(event.getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            return;
        }
        byte[] answer = ANTHROPIC_MESSAGE.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** One chunk every 50 ms for up to 10 s (bounded), unless the reader leaves first. */
    private void slowStream(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        try {
            for (int i = 0; i < 200; i++) {
                String chunk = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"slow\","
                        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tick " + i + " \"},\"finish_reason\":null}]}\n\n";
                out.write(chunk.getBytes(StandardCharsets.UTF_8));
                out.flush();
                slowStreamStarted.countDown();
                Thread.sleep(50);
            }
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.close();
        } catch (IOException e) {
            slowStreamAbandoned.countDown();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    /** Released by a test to let the sized stream send its second half. */
    final CountDownLatch sizedStreamSecondHalf = new CountDownLatch(1);

    /**
     * An SSE stream with a declared Content-Length, sent in two halves: the second only after
     * {@link #sizedStreamSecondHalf} is released, so a reader can show it got the first half before.
     */
    private void sizedStream(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] first = ("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"sized\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"first \"},\"finish_reason\":null}]}\n\n")
                .getBytes(StandardCharsets.UTF_8);
        byte[] second = ("data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":0,\"model\":\"sized\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"second\"},\"finish_reason\":\"stop\"}]}\n\n"
                + "data: [DONE]\n\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, first.length + second.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(first);
            out.flush();
            if (sizedStreamSecondHalf.await(10, TimeUnit.SECONDS)) {
                out.write(second);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exchange.close();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
