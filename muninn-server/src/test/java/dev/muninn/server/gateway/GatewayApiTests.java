package dev.muninn.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.muninn.server.support.ApiTestSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class GatewayApiTests extends ApiTestSupport {

    private static final JsonMapper JSON = JsonMapper.builder().build();
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

    private HttpResponse<String> v1(String path, String json, String token, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30));
        request = json == null ? request.GET() : request.POST(HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> chat(String json, String... headers) throws Exception {
        return v1("/v1/chat/completions", json, ADMIN_TOKEN, headers);
    }

    private static String userMessage(String model, String text) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private static String header(HttpResponse<?> response, String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** A provider on the mock with option defaults, its model, and a new chat type routed to it. */
    private record Routed(String providerName, String providerId, String modelId, String type) {
    }

    private Routed routedType(String optionDefaults, int contextWindow) {
        String name = unique("Gw");
        String providerId = api().post("/api/v1/llm/providers", "{\"name\":\"" + name + "\",\"provider_type\":\"custom\","
                + "\"base_url\":\"http://localhost:" + port + "/mock_llm\",\"llm_options_defaults\":" + optionDefaults + "}")
                .json().get("id").asString();
        String modelId = api().post("/api/v1/llm/providers/" + providerId + "/models",
                "{\"model\":\"mock\",\"supports_streaming\":true,\"context_window_tokens\":" + contextWindow + "}")
                .json().get("id").asString();
        String type = unique("gwchat");
        api().post("/api/v1/llm/interaction-types", "{\"name\":\"" + type + "\"}");
        api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId + "\",\"model_name\":\"mock\",\"temperature\":0.3}");
        return new Routed(name, providerId, modelId, type);
    }

    private String createKey(String userId) {
        String body = userId == null ? "{\"name\":\"" + unique("key") + "\"}"
                : "{\"name\":\"" + unique("key") + "\",\"user_id\":\"" + userId + "\"}";
        var created = api().post("/api/v1/llm/api-keys", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().get("key").asString();
    }

    @Test
    void chatByInteractionTypeAnswersInOpenAisShapeAndSaysWhoServedIt() throws Exception {
        HttpResponse<String> response = chat(userMessage("reasoning", "Hello!"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode completion = json(response);
        assertThat(completion.get("object").asString()).isEqualTo("chat.completion");
        assertThat(completion.get("choices").get(0).get("message").get("content").asString()).isEqualTo("Mock reply to: Hello!");
        assertThat(completion.get("usage").get("total_tokens").asInt()).isPositive();
        assertThat(header(response, "X-Muninn-Provider")).isEqualTo("Mock (Local)");
        assertThat(header(response, "X-Muninn-Model")).isEqualTo("mock");
        assertThat(header(response, "X-Muninn-Interaction-Type")).isEqualTo("reasoning");
        assertThat(header(response, "Content-Type")).startsWith("application/json");
    }

    @Test
    void chatByModelKeyAndByProviderSlashModel() throws Exception {
        HttpResponse<String> byKey = chat(userMessage("mock", "By key"));
        HttpResponse<String> qualified = chat(userMessage("Mock (Local)/mock", "Qualified"));

        assertThat(byKey.statusCode()).as(byKey.body()).isEqualTo(200);
        assertThat(json(byKey).get("choices").get(0).get("message").get("content").asString()).isEqualTo("Mock reply to: By key");
        assertThat(header(byKey, "X-Muninn-Interaction-Type")).isNull();
        assertThat(header(byKey, "X-Muninn-Source")).isEqualTo("model");
        assertThat(qualified.statusCode()).as(qualified.body()).isEqualTo(200);
        assertThat(header(qualified, "X-Muninn-Provider")).isEqualTo("Mock (Local)");
    }

    @Test
    void theUpstreamGetsTheUpstreamModelIdAndMergedOptionsTheRequestLeftUnset() throws Exception {
        Routed routed = routedType("{\"seed\":1,\"top_p\":0.5}", 0);

        HttpResponse<String> response = chat("{\"model\":\"" + routed.type() + "\",\"temperature\":0.9,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"/echo\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode sent = JSON.readTree(json(response).get("choices").get(0).get("message").get("content").asString());
        assertThat(sent.get("model").asString()).isEqualTo("mock");
        assertThat(sent.get("seed").asInt()).isEqualTo(1);
        assertThat(sent.get("top_p").asDouble()).isEqualTo(0.5);
        assertThat(sent.get("temperature").asDouble()).isEqualTo(0.9);
        assertThat(header(response, "X-Muninn-Provider")).isEqualTo(routed.providerName());
    }

    @Test
    void streamingRelaysOpenAiChunksAndEndsWithDone() throws Exception {
        HttpResponse<String> response = chat("{\"model\":\"reasoning\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Stream please\"}]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(header(response, "Content-Type")).startsWith("text/event-stream");
        assertThat(header(response, "X-Muninn-Provider")).isEqualTo("Mock (Local)");
        List<String> data = response.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        StringBuilder content = new StringBuilder();
        for (String chunk : data.subList(0, data.size() - 1)) {
            JsonNode parsed = JSON.readTree(chunk);
            assertThat(parsed.get("object").asString()).isEqualTo("chat.completion.chunk");
            content.append(parsed.get("choices").get(0).get("delta").path("content").asString(""));
        }
        assertThat(content.toString()).isEqualTo("Mock reply to: Stream please");
    }

    @Test
    void aKeyBoundToAUserGetsThatUsersOverride() throws Exception {
        Routed routed = routedType("{\"seed\":1}", 0);
        Routed other = routedType("{\"seed\":7}", 0);
        String user = unique("alice");
        api().put("/api/v1/llm/users/" + user + "/config/" + routed.type(),
                "{\"provider_id\":\"" + other.providerId() + "\",\"model_name\":\"mock\"}");
        String key = createKey(user);

        HttpResponse<String> asUser = v1("/v1/chat/completions", userMessage(routed.type(), "/echo"), key,
                Callers.USER_HEADER, "someone-else");
        HttpResponse<String> global = v1("/v1/chat/completions", userMessage(routed.type(), "/echo"), createKey(null));

        assertThat(asUser.statusCode()).as(asUser.body()).isEqualTo(200);
        assertThat(header(asUser, "X-Muninn-Provider")).isEqualTo(other.providerName());
        assertThat(header(asUser, "X-Muninn-Source")).isEqualTo("user_override");
        assertThat(header(global, "X-Muninn-Provider")).isEqualTo(routed.providerName());
        assertThat(header(global, "X-Muninn-Source")).isEqualTo("global");
    }

    @Test
    void aServiceTokenNamesTheUserWithTheHeaderOrTheUserField() throws Exception {
        Routed routed = routedType("{\"seed\":1}", 0);
        Routed other = routedType("{\"seed\":7}", 0);
        String user = unique("bob");
        api().put("/api/v1/llm/users/" + user + "/config/" + routed.type(),
                "{\"provider_id\":\"" + other.providerId() + "\",\"model_name\":\"mock\"}");
        String service = createKey(null);

        HttpResponse<String> byHeader = v1("/v1/chat/completions", userMessage(routed.type(), "hi"), service,
                Callers.USER_HEADER, user);
        HttpResponse<String> byField = v1("/v1/chat/completions", "{\"model\":\"" + routed.type() + "\",\"user\":\"" + user
                + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}", ADMIN_TOKEN);

        assertThat(header(byHeader, "X-Muninn-Provider")).as(byHeader.body()).isEqualTo(other.providerName());
        assertThat(header(byField, "X-Muninn-Provider")).as(byField.body()).isEqualTo(other.providerName());
    }

    @Test
    void modelsListsInteractionTypesModelKeysAndProviderSlashModel() throws Exception {
        HttpResponse<String> response = v1("/v1/models", null, ADMIN_TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode list = json(response);
        assertThat(list.get("object").asString()).isEqualTo("list");
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(m -> {
            assertThat(m.get("object").asString()).isEqualTo("model");
            assertThat(m.has("created")).isTrue();
            assertThat(m.has("owned_by")).isTrue();
            ids.add(m.get("id").asString());
        });
        assertThat(ids).contains("reasoning", "embeddings", "mock", "mock-embedding", "Mock (Local)/mock");

        HttpResponse<String> one = v1("/v1/models/Mock%20(Local)/mock", null, ADMIN_TOKEN);
        assertThat(one.statusCode()).as(one.body()).isEqualTo(200);
        assertThat(json(one).get("id").asString()).isEqualTo("Mock (Local)/mock");
        assertError(v1("/v1/models/nope", null, ADMIN_TOKEN), 404, "model_not_found", "model");
        assertError(v1("/v1/completions", "{}", ADMIN_TOKEN), 404, "unknown_url", null);
    }

    @Test
    void embeddingsByInteractionTypeAndByModelKey() throws Exception {
        HttpResponse<String> byType = v1("/v1/embeddings", "{\"model\":\"embeddings\",\"input\":[\"a\",\"b\"]}", ADMIN_TOKEN);
        HttpResponse<String> byKey = v1("/v1/embeddings", "{\"model\":\"mock-embedding\",\"input\":\"a\"}", ADMIN_TOKEN);

        assertThat(byType.statusCode()).as(byType.body()).isEqualTo(200);
        JsonNode list = json(byType);
        assertThat(list.get("object").asString()).isEqualTo("list");
        assertThat(list.get("data")).hasSize(2);
        assertThat(list.get("data").get(0).get("embedding").isArray()).isTrue();
        assertThat(header(byType, "X-Muninn-Interaction-Type")).isEqualTo("embeddings");
        assertThat(byKey.statusCode()).as(byKey.body()).isEqualTo(200);
        assertThat(header(byKey, "X-Muninn-Model")).isEqualTo("mock-embedding");
    }

    @Test
    void errorsComeBackInOpenAisShape() throws Exception {
        assertError(v1("/v1/chat/completions", userMessage("reasoning", "x"), null), 401, "invalid_api_key", null);
        assertError(v1("/v1/chat/completions", userMessage("reasoning", "x"), "mk_wrong"), 401, "invalid_api_key", null);
        assertError(v1("/v1/models", null, "mk_wrong"), 401, "invalid_api_key", null);
        assertError(chat(userMessage("no-such-model", "x")), 404, "model_not_found", "model");
        assertError(chat("{not json"), 400, "invalid_json", null);
        assertError(chat("{\"messages\":[]}"), 400, "missing_required_parameter", "model");
        assertError(chat("{\"model\":\"reasoning\",\"messages\":[]}"), 400, "invalid_value", "messages");
        assertError(chat(userMessage("embeddings", "x")), 400, "invalid_value", "model");
        assertError(v1("/v1/embeddings", "{\"model\":\"reasoning\",\"input\":\"x\"}", ADMIN_TOKEN), 400, "invalid_value", "model");
        assertError(v1("/v1/embeddings", "{\"model\":\"embeddings\"}", ADMIN_TOKEN), 400, "invalid_value", "input");
        assertError(chat(userMessage("reasoning", "/fail 503")), 502, "upstream_error", null);
        assertError(chat(userMessage("reasoning", "/fail 400")), 400, "upstream_rejected", null);
    }

    @Test
    void capabilityChecksAndTheTokenBudgetApply() throws Exception {
        Routed routed = routedType("{}", 50);
        String longText = "word ".repeat(400);

        assertError(chat(userMessage(routed.type(), longText)), 422, "context_length_exceeded", "messages");
        assertError(chat("{\"model\":\"" + routed.type() + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],"
                + "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"f\"}}]}"), 422, "capability_unsupported", "tools");
        api().patch("/api/v1/llm/models/" + routed.modelId(), "{\"enabled\":false}");
        assertError(chat(userMessage("Mock (Local)/mock".replace("Mock (Local)", routed.providerName()), "x")), 409,
                "model_disabled", "model");
    }

    @Test
    void requestsShowUpInPrometheusMetrics() throws Exception {
        chat(userMessage("planning", "count me"));
        chat(userMessage("planning", "/fail 503"));

        String metrics = anonymous().get("/actuator/prometheus").body();

        assertThat(metrics).containsPattern("muninn_gateway_requests_seconds_count\\{[^}]*interaction_type=\"planning\""
                + "[^}]*model=\"mock\"[^}]*outcome=\"success\"[^}]*provider=\"Mock \\(Local\\)\"");
        assertThat(metrics).containsPattern("muninn_gateway_errors_total\\{[^}]*code=\"upstream_error\"[^}]*interaction_type=\"planning\"");
        assertThat(metrics).containsPattern("muninn_gateway_upstream_latency_seconds_count\\{[^}]*interaction_type=\"planning\"");
        assertThat(metrics).containsPattern("muninn_gateway_tokens_total\\{[^}]*interaction_type=\"planning\"[^}]*kind=\"prompt\"");
    }

    @Test
    void apiKeysAreShownOnceAndRevokedAtOnce() throws Exception {
        var created = api().post("/api/v1/llm/api-keys", "{\"name\":\"ci\",\"user_id\":\"carol\"}");
        String key = created.json().get("key").asString();
        String id = created.json().get("id").asString();

        assertThat(key).startsWith("mk_");
        var list = api().get("/api/v1/llm/api-keys");
        assertThat(list.body()).contains(id).doesNotContain(key).doesNotContain("hash");
        assertThat(v1("/v1/models", null, key).statusCode()).isEqualTo(200);
        assertThat(api().delete("/api/v1/llm/api-keys/" + id).status()).isEqualTo(204);
        assertThat(v1("/v1/models", null, key).statusCode()).isEqualTo(401);
        assertThat(api().delete("/api/v1/llm/api-keys/" + id).status()).isEqualTo(404);
        assertThat(api().post("/api/v1/llm/api-keys", "{}").status()).isEqualTo(400);
        assertThat(anonymous().get("/api/v1/llm/api-keys").status()).isEqualTo(401);
    }

    @Test
    void anthropicUpstreamsAreTranslatedToOpenAiShapes() throws Exception {
        String name = unique("Claude");
        String providerId = api().post("/api/v1/llm/providers", "{\"name\":\"" + name + "\",\"provider_type\":\"anthropic\","
                + "\"base_url\":\"" + fixture.baseUrl() + "/anthropic\",\"api_key\":\"sk-ant-fixture-0001\"}").json().get("id").asString();
        api().post("/api/v1/llm/providers/" + providerId + "/models", "{\"model\":\"claude-fixture\",\"supports_streaming\":true}");
        String model = name + "/claude-fixture";

        HttpResponse<String> plain = chat(userMessage(model, "Hello Claude"));
        HttpResponse<String> streamed = chat("{\"model\":\"" + model + "\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");

        assertThat(plain.statusCode()).as(plain.body()).isEqualTo(200);
        JsonNode completion = json(plain);
        assertThat(completion.get("object").asString()).isEqualTo("chat.completion");
        assertThat(completion.get("choices").get(0).get("message").get("content").asString()).isEqualTo("Hi from Claude");
        assertThat(fixture.lastAnthropicBody.get()).contains("\"model\":\"claude-fixture\"");
        assertThat(header(plain, "X-Muninn-Provider")).isEqualTo(name);

        assertThat(streamed.statusCode()).as(streamed.body()).isEqualTo(200);
        assertThat(header(streamed, "Content-Type")).startsWith("text/event-stream");
        List<String> data = streamed.body().lines().filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertThat(data.get(data.size() - 1)).isEqualTo("[DONE]");
        StringBuilder content = new StringBuilder();
        for (String chunk : data.subList(0, data.size() - 1)) {
            JsonNode parsed = JSON.readTree(chunk);
            assertThat(parsed.get("object").asString()).isEqualTo("chat.completion.chunk");
            parsed.get("choices").forEach(c -> content.append(c.get("delta").path("content").asString("")));
        }
        assertThat(content.toString()).isEqualTo("Hi there");
    }

    @Test
    void aClientLeavingMidStreamClosesTheUpstream() throws Exception {
        HttpResponse<InputStream> response = streamFromFixture("slow");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(reader.readLine()).startsWith("data: ");
        }

        assertThat(fixture.slowStreamStarted.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(fixture.slowStreamAbandoned.await(8, TimeUnit.SECONDS)).as("the upstream saw its reader leave").isTrue();
    }

    @Test
    void aStreamWithADeclaredLengthIsRelayedAsItArrivesAndEndsWithIt() throws Exception {
        HttpResponse<InputStream> response = streamFromFixture("sized");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(reader.readLine()).as("the first half, before the upstream sent the second").contains("first ");
            fixture.sizedStreamSecondHalf.countDown();
            List<String> rest = reader.lines().filter(line -> line.startsWith("data: ")).toList();
            assertThat(rest).hasSize(2);
            assertThat(rest.get(0)).contains("\"second\"");
            assertThat(rest.get(1)).isEqualTo("data: [DONE]");
        }
    }

    /** A streamed chat through a new provider at one of the fixture's paths, whose model has the path's name. */
    private HttpResponse<InputStream> streamFromFixture(String path) throws Exception {
        String name = unique(path);
        String providerId = api().post("/api/v1/llm/providers", "{\"name\":\"" + name + "\",\"provider_type\":\"custom\","
                + "\"base_url\":\"" + fixture.baseUrl() + "/" + path + "\"}").json().get("id").asString();
        api().post("/api/v1/llm/providers/" + providerId + "/models", "{\"model\":\"" + path + "\",\"supports_streaming\":true}");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + ADMIN_TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"" + name + "/" + path + "\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"go\"}]}")).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
    }

    private static void assertError(HttpResponse<String> response, int status, String code, String param) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(header(response, "Content-Type")).startsWith("application/json");
        JsonNode error = json(response).get("error");
        assertThat(error).as(response.body()).isNotNull();
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(error.get("type").isString()).isTrue();
        assertThat(error.get("code").asString()).as(response.body()).isEqualTo(code);
        if (param == null) {
            assertThat(error.get("param").isNull()).as(response.body()).isTrue();
        } else {
            assertThat(error.get("param").asString()).isEqualTo(param);
        }
        assertThat(response.body()).doesNotContain("mk_wrong").doesNotContain(ADMIN_TOKEN);
    }
}
