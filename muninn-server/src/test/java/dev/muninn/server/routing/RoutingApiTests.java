package dev.muninn.server.routing;

import static dev.muninn.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.muninn.server.support.ApiTestSupport;
import tools.jackson.databind.JsonNode;

/** Routes are set on custom types created per test, so the seeded built-in routes stay as they are. */
class RoutingApiTests extends ApiTestSupport {

    private String providerId;
    private String chatModelId;
    private String type;

    @BeforeEach
    void providerWithModels() {
        JsonNode provider = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("Routing")
                + "\",\"provider_type\":\"custom\",\"base_url\":\"http://localhost:" + port + "/mock_llm\","
                + "\"llm_options_defaults\":{\"temperature\":0.9,\"top_p\":0.5,\"seed\":7}}").json();
        providerId = provider.get("id").asString();
        chatModelId = api().post("/api/v1/llm/providers/" + providerId + "/models", "{\"model_name\":\"chat-a\"}")
                .json().get("id").asString();
        api().post("/api/v1/llm/providers/" + providerId + "/models", "{\"model_name\":\"chat-b\"}");
        api().post("/api/v1/llm/providers/" + providerId + "/models",
                "{\"model_name\":\"embed-a\",\"supports_embeddings\":true,\"supports_streaming\":false}");
        type = unique("summaries");
        assertThat(api().post("/api/v1/llm/interaction-types", "{\"name\":\"" + type + "\",\"kind\":\"chat\"}").status())
                .isEqualTo(201);
    }

    @Test
    void listsTheFiveBuiltInTypesInTheGlobalConfiguration() {
        JsonNode config = api().get("/api/v1/llm/config").json();

        assertThat(config.findValuesAsString("interaction_type"))
                .contains("reasoning", "tools", "subagents", "planning", "embeddings", type);
        assertThat(api().get("/api/v1/llm/interaction-types/embeddings").json().get("kind").asString()).isEqualTo("embeddings");
    }

    @Test
    void updatesAnInteractionConfigAsTheHlidskjalfDocumentShows() {
        var response = api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId
                + "\",\"model_name\":\"chat-a\",\"temperature\":0.7,\"max_tokens\":null}");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode route = api().get("/api/v1/llm/config/" + type).json();
        assertThat(route.get("configured").asBoolean()).isTrue();
        assertThat(route.get("model_name").asString()).isEqualTo("chat-a");
        assertThat(route.get("temperature").asDouble()).isEqualTo(0.7);
        assertThat(route.get("updated_by").asString()).isEqualTo("admin");
    }

    @Test
    void effectiveConfigurationMergesProviderDefaultsPresetAndRouteAndSaysWhereEachCameFrom() {
        api().post("/api/v1/llm/models/" + chatModelId + "/presets",
                "{\"key\":\"Default\",\"llm_options_overrides\":{\"top_p\":0.8,\"presence_penalty\":0.1}}");
        api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId
                + "\",\"model_name\":\"chat-a\",\"temperature\":0.2,\"max_tokens\":256}");

        JsonNode effective = api().get("/api/v1/llm/config/" + type + "/effective").json();

        assertThat(effective.get("source").asString()).isEqualTo("global");
        assertThat(effective.get("model").get("model").asString()).isEqualTo("chat-a");
        assertThat(effective.get("preset").get("key").asString()).isEqualTo("default");
        JsonNode options = effective.get("options");
        assertThat(options.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(options.get("top_p").asDouble()).isEqualTo(0.8);
        assertThat(options.get("seed").asInt()).isEqualTo(7);
        assertThat(options.get("max_tokens").asInt()).isEqualTo(256);
        JsonNode sources = effective.get("option_sources");
        assertThat(sources.get("temperature").asString()).isEqualTo("interaction_config");
        assertThat(sources.get("top_p").asString()).isEqualTo("preset");
        assertThat(sources.get("seed").asString()).isEqualTo("provider_defaults");
    }

    @Test
    void aUserOverrideWinsForThatUserOnly() {
        api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId + "\",\"model_name\":\"chat-a\"}");
        String user = unique("alice");

        assertThat(api().put("/api/v1/llm/users/" + user + "/config/" + type,
                "{\"provider_id\":\"" + providerId + "\",\"model_name\":\"chat-b\",\"temperature\":1.1}").status()).isEqualTo(200);

        JsonNode forAlice = api().get("/api/v1/llm/config/" + type + "/effective?user_id=" + user).json();
        assertThat(forAlice.get("source").asString()).isEqualTo("user_override");
        assertThat(forAlice.get("model").get("model").asString()).isEqualTo("chat-b");
        assertThat(forAlice.get("temperature").asDouble()).isEqualTo(1.1);
        JsonNode forBob = api().get("/api/v1/llm/config/" + type + "/effective?user_id=" + unique("bob")).json();
        assertThat(forBob.get("source").asString()).isEqualTo("global");
        assertThat(forBob.get("model").get("model").asString()).isEqualTo("chat-a");
        assertThat(api().get("/api/v1/llm/users").json().findValuesAsString("")).isNotNull();
        assertThat(api().get("/api/v1/llm/users/" + user + "/config").json().get(0).get("model_name").asString())
                .isEqualTo("chat-b");

        assertThat(api().delete("/api/v1/llm/users/" + user + "/config/" + type).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/llm/config/" + type + "/effective?user_id=" + user).json().get("source").asString())
                .isEqualTo("global");
    }

    @Test
    void anOverrideToADisabledModelFallsBackToTheGlobalRouteAndSaysWhy() {
        api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId + "\",\"model_name\":\"chat-a\"}");
        String user = unique("carol");
        String chatB = api().put("/api/v1/llm/users/" + user + "/config/" + type,
                "{\"provider_id\":\"" + providerId + "\",\"model_name\":\"chat-b\"}").json().get("model_id").asString();

        api().patch("/api/v1/llm/models/" + chatB, "{\"enabled\":false}");

        JsonNode effective = api().get("/api/v1/llm/config/" + type + "/effective?user_id=" + user).json();
        assertThat(effective.get("source").asString()).isEqualTo("global");
        assertThat(effective.get("model").get("model").asString()).isEqualTo("chat-a");
        assertThat(effective.get("notes").toString()).contains("ignored", "chat-b", "disabled");
    }

    @Test
    void aTypeWithoutRouteFallsBackToTheEnvironmentOrSaysThereIsNoConfiguration() {
        JsonNode effective = api().get("/api/v1/llm/config/" + type + "/effective").json();

        // no OPENAI_API_KEY or OLLAMA_URL in the test environment
        assertThat(effective.get("source").asString()).isEqualTo("none");
        assertThat(effective.get("notes").toString()).contains("no global configuration");
    }

    @Test
    void anEmbeddingsTypeTakesOnlyAModelThatSupportsEmbeddings() {
        assertProblem(api().put("/api/v1/llm/config/embeddings", "{\"provider_id\":\"" + providerId
                + "\",\"model_name\":\"chat-a\"}"), 400, "model_name", "supports_embeddings");

        String embeddingType = unique("vectors");
        api().post("/api/v1/llm/interaction-types", "{\"name\":\"" + embeddingType + "\",\"kind\":\"embeddings\"}");
        assertThat(api().put("/api/v1/llm/config/" + embeddingType, "{\"provider_id\":\"" + providerId
                + "\",\"model_name\":\"embed-a\"}").status()).isEqualTo(200);
    }

    @Test
    void refusesBadRoutesNamingTheFieldAndChangesNothing() {
        api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId + "\",\"model_name\":\"chat-a\",\"temperature\":0.5}");

        assertProblem(api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId
                + "\",\"model_name\":\"chat-b\",\"temperature\":2.5}"), 400, "temperature", "range");
        assertProblem(api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId
                + "\",\"model_name\":\"chat-b\",\"max_tokens\":-1}"), 400, "max_tokens", "minimum");
        assertProblem(api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId
                + "\",\"model_name\":\"no-such-model\"}"), 400, "model_name", "exists");
        assertProblem(api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"00000000-0000-0000-0000-000000000000\","
                + "\"model_name\":\"chat-b\"}"), 400, "provider_id", "exists");
        assertProblem(api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"nope\",\"model_name\":\"chat-b\"}"),
                400, "provider_id", "uuid");
        assertThat(api().put("/api/v1/llm/config/no-such-type", "{\"provider_id\":\"" + providerId
                + "\",\"model_name\":\"chat-a\"}").status()).isEqualTo(404);

        JsonNode route = api().get("/api/v1/llm/config/" + type).json();
        assertThat(route.get("model_name").asString()).isEqualTo("chat-a");
        assertThat(route.get("temperature").asDouble()).isEqualTo(0.5);
    }

    @Test
    void refusesToDeleteWhatARouteStillUsesAndNamesTheRoutes() {
        api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId + "\",\"model_name\":\"chat-a\"}");
        String user = unique("dave");
        api().put("/api/v1/llm/users/" + user + "/config/" + type, "{\"model_id\":\"" + chatModelId + "\"}");

        var provider = api().delete("/api/v1/llm/providers/" + providerId);
        assertThat(provider.status()).isEqualTo(409);
        assertThat(provider.json().get("routes").toString()).contains("global:" + type, "user:" + user + ":" + type);
        assertThat(api().delete("/api/v1/llm/models/" + chatModelId).status()).isEqualTo(409);
        assertThat(api().delete("/api/v1/llm/interaction-types/" + type).status()).isEqualTo(409);
        assertThat(api().get("/api/v1/llm/providers/" + providerId).status()).isEqualTo(200);

        api().delete("/api/v1/llm/users/" + user + "/config/" + type);
        api().delete("/api/v1/llm/config/" + type);
        assertThat(api().delete("/api/v1/llm/interaction-types/" + type).status()).isEqualTo(204);
        assertThat(api().delete("/api/v1/llm/providers/" + providerId).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/llm/models/" + chatModelId).status()).isEqualTo(404);
    }

    @Test
    void builtInTypesCannotBeDeletedAndCustomNamesMustBeSlugs() {
        assertProblem(api().delete("/api/v1/llm/interaction-types/reasoning"), 409, "name", "built_in");
        assertProblem(api().post("/api/v1/llm/interaction-types", "{\"name\":\"Not A Slug\"}"), 400, "name", "slug");
        assertProblem(api().post("/api/v1/llm/interaction-types", "{\"name\":\"" + type + "\"}"), 409, "name", "unique");
        assertProblem(api().post("/api/v1/llm/interaction-types", "{\"name\":\"x1\",\"kind\":\"audio\"}"), 400, "kind", "one_of");
    }
}
