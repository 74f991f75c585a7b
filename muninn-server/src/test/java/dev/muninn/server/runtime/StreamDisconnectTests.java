package dev.muninn.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import dev.muninn.server.support.ApiTestSupport;

/** A caller that leaves mid-stream: Muninn must stop reading from the provider and close its connection. */
class StreamDisconnectTests extends ApiTestSupport {

    private HttpServer upstream;
    private final CountDownLatch upstreamSawClose = new CountDownLatch(1);
    private final AtomicInteger chunksWritten = new AtomicInteger();

    @BeforeEach
    void slowStreamingUpstream() throws IOException {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.setExecutor(Executors.newCachedThreadPool());
        upstream.createContext("/v1/chat/completions", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 200; i++) {
                    String chunk = "{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"w"
                            + i + " \"},\"finish_reason\":null}]}";
                    out.write(("data: " + chunk + "\n\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    chunksWritten.incrementAndGet();
                    Thread.sleep(50);
                }
                out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                upstreamSawClose.countDown();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        upstream.start();
    }

    @AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    @Test
    void aCallerLeavingMidStreamClosesTheUpstreamConnection() throws Exception {
        String providerId = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("Slow stream")
                + "\",\"provider_type\":\"custom\",\"base_url\":\"http://127.0.0.1:" + upstream.getAddress().getPort() + "\"}")
                .json().get("id").asString();
        String modelId = api().post("/api/v1/llm/providers/" + providerId + "/models", "{\"model\":\"slow\"}")
                .json().get("id").asString();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/llm/chat"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model_id\":\"" + modelId + "\",\"user_text\":\"go\",\"stream\":true}"))
                .build();

        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        String first = reader.readLine();
        assertThat(first).isEqualTo("event: delta");
        reader.close(); // the caller goes away

        assertThat(upstreamSawClose.await(10, TimeUnit.SECONDS)).as("upstream saw its connection closed").isTrue();
        assertThat(chunksWritten.get()).isLessThan(200);
    }
}
