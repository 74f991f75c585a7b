package dev.muninn.server.mock;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Talks to the mock over real HTTP, as a provider client would. */
final class MockLlmClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI base;

    MockLlmClient(int port) {
        this.base = URI.create("http://localhost:" + port + "/mock_llm/v1/");
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(postRequest(path, body), HttpResponse.BodyHandlers.ofString());
    }

    /** The response's lines as they arrive, not after the body is complete. */
    HttpResponse<Stream<String>> postForLines(String path, String body) throws IOException, InterruptedException {
        return http.send(postRequest(path, body), HttpResponse.BodyHandlers.ofLines());
    }

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private HttpRequest postRequest(String path, String body) {
        return HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
