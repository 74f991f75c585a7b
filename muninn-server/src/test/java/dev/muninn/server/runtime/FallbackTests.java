package dev.muninn.server.runtime;

import static dev.muninn.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.muninn.server.support.ApiTestSupport;
import tools.jackson.databind.JsonNode;

class FallbackTests extends ApiTestSupport {

    private String deadProvider;
    private String mockProvider;
    private String deadName;
    private String type;

    @BeforeEach
    void routeWithFallback() {
        deadName = unique("Dead");
        deadProvider = api().post("/api/v1/llm/providers", "{\"name\":\"" + deadName + "\",\"provider_type\":\"custom\","
                + "\"base_url\":\"http://127.0.0.1:1\"}").json().get("id").asString();
        api().post("/api/v1/llm/providers/" + deadProvider + "/models", "{\"model\":\"gone\"}");
        mockProvider = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("Backup") + "\",\"provider_type\":\"custom\","
                + "\"base_url\":\"http://localhost:" + port + "/mock_llm\"}").json().get("id").asString();
        api().post("/api/v1/llm/providers/" + mockProvider + "/models", "{\"model\":\"mock\"}");
        api().post("/api/v1/llm/providers/" + mockProvider + "/models", "{\"model\":\"embedder\",\"supports_embeddings\":true}");
        type = unique("resilient");
        api().post("/api/v1/llm/interaction-types", "{\"name\":\"" + type + "\"}");
        var route = api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + deadProvider + "\",\"model_name\":\"gone\","
                + "\"fallbacks\":[{\"provider_id\":\"" + mockProvider + "\",\"model_name\":\"mock\"}]}");
        assertThat(route.status()).as(route.toString()).isEqualTo(200);
    }

    @Test
    void anUnreachablePrimaryFallsBackToTheNextModel() {
        JsonNode result = api().post("/api/v1/llm/chat", "{\"interaction_type\":\"" + type + "\",\"user_text\":\"hi\"}").json();

        assertThat(result.get("success").asBoolean()).as(result.toString()).isTrue();
        assertThat(result.get("model").asString()).isEqualTo("mock");
        assertThat(result.get("fallback_index").asInt()).isEqualTo(1);
        assertThat(result.get("source").asString()).isEqualTo("fallback");

        JsonNode route = api().get("/api/v1/llm/config/" + type).json();
        assertThat(route.get("fallbacks").get(0).get("model_name").asString()).isEqualTo("mock");
        JsonNode effective = api().get("/api/v1/llm/config/" + type + "/effective").json();
        assertThat(effective.get("fallbacks").get(0).get("model").get("model").asString()).isEqualTo("mock");
    }

    @Test
    void aProviderThatKeepsFailingIsSkippedDuringItsCooldown() {
        for (int i = 0; i < 3; i++) {
            api().post("/api/v1/llm/chat", "{\"interaction_type\":\"" + type + "\",\"user_text\":\"hi\"}");
        }
        double attemptsBefore = attemptsOn(deadName);

        JsonNode result = api().post("/api/v1/llm/chat", "{\"interaction_type\":\"" + type + "\",\"user_text\":\"hi\"}").json();

        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(attemptsBefore).isEqualTo(3);
        assertThat(attemptsOn(deadName)).isEqualTo(attemptsBefore);
        assertThat(anonymous().get("/actuator/prometheus").body()).contains("muninn_runs_fallbacks_total");
    }

    @Test
    void aNonRetryableFailureIsNotRetried() {
        String type400 = unique("strict");
        api().post("/api/v1/llm/interaction-types", "{\"name\":\"" + type400 + "\"}");
        api().put("/api/v1/llm/config/" + type400, "{\"provider_id\":\"" + mockProvider + "\",\"model_name\":\"mock\","
                + "\"fallbacks\":[{\"provider_id\":\"" + mockProvider + "\",\"model_name\":\"embedder\"}]}");

        var response = api().post("/api/v1/llm/chat", "{\"interaction_type\":\"" + type400 + "\",\"user_text\":\"/fail 400\"}");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().get("model").asString()).isEqualTo("mock");
        assertThat(response.json().has("fallback_index")).isFalse();
    }

    @Test
    void fallbacksAreCheckedLikeTheRouteAndProtectTheirModels() {
        assertProblem(api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + deadProvider + "\",\"model_name\":\"gone\","
                + "\"fallbacks\":[{\"provider_id\":\"" + mockProvider + "\",\"model_name\":\"nope\"}]}"), 400,
                "fallbacks[0].model_name", "exists");
        assertProblem(api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + deadProvider + "\",\"model_name\":\"gone\","
                + "\"fallbacks\":{}}"), 400, "fallbacks", "array");

        var refused = api().delete("/api/v1/llm/providers/" + mockProvider);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("routes").toString()).contains("global:" + type);
    }

    private double attemptsOn(String provider) {
        double total = 0;
        for (String line : anonymous().get("/actuator/prometheus").body().split("\n")) {
            if (line.startsWith("muninn_runs_seconds_count") && line.contains("provider=\"" + provider + "\"")) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return total;
    }
}
