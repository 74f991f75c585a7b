package dev.muninn.server.runtime;

import static dev.muninn.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.muninn.server.support.ApiTestSupport;
import dev.muninn.server.support.TestApi.Response;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class RunChatApiTests extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private String providerId;
    private String modelId;
    private String type;

    /** A provider on the mock with defaults, a model with a default preset, and a custom type routed to it. */
    @BeforeEach
    void routedType() {
        providerId = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("Run") + "\",\"provider_type\":\"custom\","
                + "\"base_url\":\"http://localhost:" + port + "/mock_llm\",\"llm_options_defaults\":{\"seed\":1,\"top_p\":0.5}}")
                .json().get("id").asString();
        modelId = api().post("/api/v1/llm/providers/" + providerId + "/models",
                "{\"model\":\"mock\",\"supports_streaming\":true,\"context_window_tokens\":1000}").json().get("id").asString();
        api().post("/api/v1/llm/models/" + modelId + "/presets", "{\"key\":\"default\",\"llm_options_overrides\":{\"top_p\":0.9}}");
        type = unique("chat");
        api().post("/api/v1/llm/interaction-types", "{\"name\":\"" + type + "\"}");
        api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId
                + "\",\"model_name\":\"mock\",\"temperature\":0.3,\"max_tokens\":50}");
    }

    private Response chat(String body) {
        return api().post("/api/v1/llm/chat", body);
    }

    @Test
    void runsAChatForAnInteractionTypeAndSaysWhoAnswered() {
        Response response = chat("{\"interaction_type\":\"planning\",\"user_text\":\"Hello!\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode result = response.json();
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.get("content").asString()).isEqualTo("Mock reply to: Hello!");
        assertThat(result.get("assistant_message").get("role").asString()).isEqualTo("assistant");
        assertThat(result.get("finish_reason").asString()).isEqualTo("stop");
        assertThat(result.get("provider").asString()).isEqualTo("Mock (Local)");
        assertThat(result.get("model").asString()).isEqualTo("mock");
        assertThat(result.get("usage").get("total_tokens").asInt()).isPositive();
        assertThat(result.get("latency_ms").asLong()).isNotNegative();
        assertThat(result.get("source").asString()).isEqualTo("global");
    }

    @Test
    void theProviderReceivesOptionsMergedInOrderProviderPresetInteractionRequest() {
        JsonNode result = chat("{\"interaction_type\":\"" + type + "\",\"user_text\":\"/echo\","
                + "\"options\":{\"temperature\":0.1,\"presence_penalty\":0.5}}").json();

        JsonNode sent = JSON.readTree(result.get("content").asString());
        assertThat(sent.get("model").asString()).isEqualTo("mock");
        assertThat(sent.get("seed").asInt()).isEqualTo(1);
        assertThat(sent.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(sent.get("max_tokens").asInt()).isEqualTo(50);
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.1);
        assertThat(sent.get("presence_penalty").asDouble()).isEqualTo(0.5);
        assertThat(result.get("option_sources").get("top_p").asString()).isEqualTo("preset");
        assertThat(result.get("option_sources").get("temperature").asString()).isEqualTo("request");
        assertThat(result.get("preset_key").asString()).isEqualTo("default");
    }

    @Test
    void anExplicitPresetReplacesTheDefaultOne() {
        api().post("/api/v1/llm/models/" + modelId + "/presets", "{\"key\":\"precise\",\"llm_options_overrides\":{\"top_p\":0.1}}");

        JsonNode result = chat("{\"model_id\":\"" + modelId + "\",\"preset_key\":\"precise\",\"user_text\":\"/echo\"}").json();

        assertThat(JSON.readTree(result.get("content").asString()).get("top_p").asDouble()).isEqualTo(0.1);
    }

    @Test
    void aUserOverrideDecidesTheModelForThatUser() {
        String other = api().post("/api/v1/llm/providers/" + providerId + "/models", "{\"model\":\"mock-2\"}").json().get("id").asString();
        String user = unique("erin");
        api().put("/api/v1/llm/users/" + user + "/config/" + type, "{\"model_id\":\"" + other + "\"}");

        JsonNode forErin = chat("{\"interaction_type\":\"" + type + "\",\"user_id\":\"" + user + "\",\"user_text\":\"/echo\"}").json();
        assertThat(JSON.readTree(forErin.get("content").asString()).get("model").asString()).isEqualTo("mock-2");
        assertThat(forErin.get("source").asString()).isEqualTo("user_override");
    }

    @Test
    void aDisabledModelIsRefusedUnlessAllowDisabledIsTrue() {
        api().patch("/api/v1/llm/models/" + modelId, "{\"enabled\":false}");

        Response refused = chat("{\"model_id\":\"" + modelId + "\",\"user_text\":\"hi\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("MODEL_DISABLED");

        Response allowed = chat("{\"model_id\":\"" + modelId + "\",\"user_text\":\"hi\",\"allow_disabled\":true}");
        assertThat(allowed.status()).isEqualTo(200);
    }

    @Test
    void aDisabledProviderIsRefused() {
        api().patch("/api/v1/llm/providers/" + providerId, "{\"enabled\":false}");

        Response refused = chat("{\"interaction_type\":\"" + type + "\",\"user_text\":\"hi\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("PROVIDER_DISABLED");
    }

    @Test
    void toolsForAModelWithoutToolCallingAreRefusedBeforeSending() {
        Response refused = chat("{\"model_id\":\"" + modelId + "\",\"user_text\":\"hi\",\"tools\":[{\"type\":\"function\","
                + "\"function\":{\"name\":\"f\",\"parameters\":{\"type\":\"object\"}}}]}");

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().get("code").asString()).isEqualTo("CAPABILITY_UNSUPPORTED");
    }

    @Test
    void aPromptOverTheBudgetIsRefusedWithTheFigures() {
        api().patch("/api/v1/llm/models/" + modelId, "{\"context_window_tokens\":60}");

        Response refused = chat("{\"interaction_type\":\"" + type + "\",\"user_text\":\"" + "word ".repeat(40) + "\"}");

        assertThat(refused.status()).isEqualTo(422);
        JsonNode problem = refused.json();
        assertThat(problem.get("code").asString()).isEqualTo("PROMPT_TOO_LONG");
        assertThat(problem.get("details").get("limit").asInt()).isEqualTo(60);
        assertThat(problem.get("details").get("reserve").asInt()).isEqualTo(50);
        assertThat(problem.get("details").get("estimate").asInt()).isGreaterThan(10);
    }

    @Test
    void anUpstreamFailureIsAProviderErrorWithTheUpstreamStatus() {
        Response failed = chat("{\"interaction_type\":\"" + type + "\",\"user_text\":\"/fail 503\"}");

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.json().get("code").asString()).isEqualTo("PROVIDER_ERROR");
        assertThat(failed.json().get("details").toString()).contains("503");
    }

    @Test
    void aTypeWithoutConfigurationAnswersNoConfiguration() {
        String unrouted = unique("unrouted");
        api().post("/api/v1/llm/interaction-types", "{\"name\":\"" + unrouted + "\"}");

        Response refused = chat("{\"interaction_type\":\"" + unrouted + "\",\"user_text\":\"hi\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("code").asString()).isEqualTo("NO_CONFIGURATION");
    }

    @Test
    void badRequestsNameTheField() {
        assertProblem(chat("{\"interaction_type\":\"planning\"}"), 400, "messages", "required");
        assertProblem(chat("{\"user_text\":\"hi\"}"), 400, "interaction_type", "required");
        assertProblem(chat("{\"interaction_type\":\"planning\",\"messages\":[{\"content\":\"x\"}]}"), 400, "messages[0].role", "one_of");
        assertProblem(chat("{\"interaction_type\":\"planning\",\"user_text\":\"hi\",\"options\":{\"stream\":true}}"), 400,
                "options.stream", "reserved_key");
        assertProblem(chat("{\"model_key\":\"no-such-key\",\"user_text\":\"hi\"}"), 400, "model_key", "exists");
        assertThat(chat("{\"interaction_type\":\"no-such-type\",\"user_text\":\"hi\"}").status()).isEqualTo(404);
    }

    @Test
    void streamsDeltasInOrderThenOneResult() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/llm/chat"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"interaction_type\":\"" + type
                        + "\",\"user_text\":\"one two three four\",\"stream\":true}")).build();
        HttpResponse<java.io.InputStream> response = HttpClient.newHttpClient().send(request,
                HttpResponse.BodyHandlers.ofInputStream());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (!contentType.startsWith("text/event-stream")) {
            throw new AssertionError(response.statusCode() + " " + new String(response.body().readAllBytes(), StandardCharsets.UTF_8));
        }

        List<String> events = new ArrayList<>();
        StringBuilder content = new StringBuilder();
        JsonNode result = null;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String event = null;
            for (String line; (line = reader.readLine()) != null;) {
                if (line.startsWith("event: ")) {
                    event = line.substring(7);
                    events.add(event);
                } else if (line.startsWith("data: ")) {
                    JsonNode data = JSON.readTree(line.substring(6));
                    if ("delta".equals(event)) {
                        content.append(data.path("choices").path(0).path("delta").path("content").asString(""));
                    } else {
                        result = data;
                    }
                }
            }
        }
        assertThat(events.size()).isGreaterThan(3);
        assertThat(events.subList(0, events.size() - 1)).containsOnly("delta");
        assertThat(events.get(events.size() - 1)).isEqualTo("result");
        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(content.toString()).isEqualTo("Mock reply to: one two three four");
        assertThat(result.get("content").asString()).isEqualTo(content.toString());
    }

    @Test
    void embedsThroughTheEmbeddingsInteractionType() {
        JsonNode result = api().post("/api/v1/llm/embeddings", "{\"input\":[\"hello\",\"world\"]}").json();

        assertThat(result.get("success").asBoolean()).isTrue();
        assertThat(result.get("data").size()).isEqualTo(2);
        assertThat(result.get("data").get(0).size()).isEqualTo(16);
        assertThat(result.get("model").asString()).isEqualTo("mock-embedding");

        assertThat(api().post("/api/v1/llm/embeddings", "{\"input\":\"x\",\"interaction_type\":\"planning\"}").status()).isEqualTo(400);
    }

    @Test
    void aConnectionTestSetsTheTimestampOnSuccessAndClearsItOnFailure() {
        JsonNode ok = api().post("/api/v1/llm/models/" + modelId + "/test", null).json();
        assertThat(ok.get("success").asBoolean()).isTrue();
        assertThat(ok.get("connection_tested_at").isNull()).isFalse();
        assertThat(api().get("/api/v1/llm/models/" + modelId).json().get("connection_tested_at").isNull()).isFalse();

        api().patch("/api/v1/llm/providers/" + providerId, "{\"base_url\":\"http://127.0.0.1:1\"}");
        JsonNode failed = api().post("/api/v1/llm/models/" + modelId + "/test", null).json();
        assertThat(failed.get("success").asBoolean()).isFalse();
        assertThat(failed.get("message").asString()).isNotBlank();
        assertThat(api().get("/api/v1/llm/models/" + modelId).json().get("connection_tested_at").isNull()).isTrue();
    }
}
