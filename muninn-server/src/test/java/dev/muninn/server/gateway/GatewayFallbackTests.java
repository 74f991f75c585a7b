package dev.muninn.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.muninn.server.support.ApiTestSupport;
import tools.jackson.databind.json.JsonMapper;

@ExtendWith(OutputCaptureExtension.class)
class GatewayFallbackTests extends ApiTestSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static FixtureUpstream fixture;

    @BeforeAll
    static void startFixture() throws Exception {
        fixture = new FixtureUpstream();
    }

    @AfterAll
    static void stopFixture() {
        fixture.close();
    }

    private String provider(String name, String type, String baseUrl, String model) {
        String id = api().post("/api/v1/llm/providers", "{\"name\":\"" + name + "\",\"provider_type\":\"" + type + "\","
                + "\"base_url\":\"" + baseUrl + "\",\"api_key\":\"sk-fixture-0001\"}").json().get("id").asString();
        api().post("/api/v1/llm/providers/" + id + "/models", "{\"model\":\"" + model + "\",\"supports_streaming\":true}");
        return id;
    }

    private String routeWithFallback(String primaryId, String primaryModel, String fallbackId, String fallbackModel) {
        String type = unique("gwfallback");
        api().post("/api/v1/llm/interaction-types", "{\"name\":\"" + type + "\"}");
        var route = api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + primaryId + "\",\"model_name\":\""
                + primaryModel + "\",\"fallbacks\":[{\"provider_id\":\"" + fallbackId + "\",\"model_name\":\"" + fallbackModel + "\"}]}");
        assertThat(route.status()).as(route.toString()).isEqualTo(200);
        return type;
    }

    private HttpResponse<String> chat(String json) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aPrimaryAnswering503FallsBackToTheNextTargetEvenInAnotherFormat(CapturedOutput output) throws Exception {
        String mock = provider(unique("Flaky"), "custom", "http://localhost:" + port + "/mock_llm", "mock");
        String claudeName = unique("ClaudeBackup");
        String claude = provider(claudeName, "anthropic", fixture.baseUrl() + "/anthropic", "claude-fixture");
        String type = routeWithFallback(mock, "mock", claude, "claude-fixture");

        HttpResponse<String> response = chat("{\"model\":\"" + type + "\",\"messages\":[{\"role\":\"user\",\"content\":\"/fail 503\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Muninn-Provider")).hasValue(claudeName);
        assertThat(response.headers().firstValue("X-Muninn-Source")).hasValue("fallback");
        assertThat(JsonMapper.builder().build().readTree(response.body()).get("choices").get(0).get("message")
                .get("content").asString()).isEqualTo("Hi from Claude");
        assertThat(anonymous().get("/actuator/prometheus").body())
                .containsPattern("muninn_gateway_fallbacks_total\\{[^}]*code=\"upstream_error\"[^}]*interaction_type=\"" + type + "\"");
        assertThat(output.getOut()).contains("Gateway attempt 1 for '" + type + "'", "failed (upstream_error: ",
                "trying the next fallback");
    }

    @Test
    void anUnreachablePrimaryFallsBackWhileStreaming() throws Exception {
        String dead = provider(unique("Dead"), "custom", "http://127.0.0.1:1", "gone");
        String backupName = unique("Backup");
        String backup = provider(backupName, "custom", "http://localhost:" + port + "/mock_llm", "mock");
        String type = routeWithFallback(dead, "gone", backup, "mock");

        HttpResponse<String> response = chat("{\"model\":\"" + type + "\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Muninn-Provider")).hasValue(backupName);
        assertThat(response.body()).contains("chat.completion.chunk").endsWith("data: [DONE]\n\n");
    }

    @Test
    void aRequestErrorIsNotRetried() throws Exception {
        String mock = provider(unique("Strict"), "custom", "http://localhost:" + port + "/mock_llm", "mock");
        String claude = provider(unique("Unused"), "anthropic", fixture.baseUrl() + "/anthropic", "claude-fixture");
        String type = routeWithFallback(mock, "mock", claude, "claude-fixture");

        HttpResponse<String> response = chat("{\"model\":\"" + type + "\",\"messages\":[{\"role\":\"user\",\"content\":\"/fail 400\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("\"code\":\"upstream_rejected\"");
    }
}
