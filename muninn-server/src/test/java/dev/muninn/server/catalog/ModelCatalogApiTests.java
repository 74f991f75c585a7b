package dev.muninn.server.catalog;

import static dev.muninn.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.muninn.server.support.ApiTestSupport;
import tools.jackson.databind.JsonNode;

class ModelCatalogApiTests extends ApiTestSupport {

    private String mockServer() {
        return api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("Mock server")
                + "\",\"provider_type\":\"custom\",\"api_base_url\":\"http://localhost:" + port + "/mock_llm/v1\"}")
                .json().get("id").asString();
    }

    @Test
    void validatesACustomServerThroughItsModelsEndpoint() {
        String id = mockServer();

        JsonNode validation = api().post("/api/v1/llm/providers/" + id + "/validate", null).json();

        assertThat(validation.get("valid").asBoolean()).isTrue();
        JsonNode provider = api().get("/api/v1/llm/providers/" + id).json();
        assertThat(provider.get("validated_at").isNull()).isFalse();
        assertThat(provider.get("validation_error").isNull()).isTrue();
    }

    @Test
    void recordsTheErrorAndClearsValidatedAtWhenTheServerIsUnreachable() {
        String id = mockServer();
        api().post("/api/v1/llm/providers/" + id + "/validate", null);
        api().patch("/api/v1/llm/providers/" + id, "{\"base_url\":\"http://127.0.0.1:1\"}");

        JsonNode validation = api().post("/api/v1/llm/providers/" + id + "/validate", null).json();

        assertThat(validation.get("valid").asBoolean()).isFalse();
        assertThat(validation.get("error").asString()).isNotBlank();
        JsonNode provider = api().get("/api/v1/llm/providers/" + id).json();
        assertThat(provider.get("validated_at").isNull()).isTrue();
        assertThat(provider.get("validation_error").asString()).isEqualTo(validation.get("error").asString());
    }

    @Test
    void fetchesModelsFromTheProviderWhenNoneAreCachedAndKeepsUserEditsOnRefresh() {
        String id = mockServer();

        JsonNode models = api().get("/api/v1/llm/providers/" + id + "/models").json();
        assertThat(models.findValuesAsString("model")).containsExactlyInAnyOrder("mock", "mock-embedding");
        JsonNode embedding = find(models, "mock-embedding");
        assertThat(embedding.get("source").asString()).isEqualTo("discovered");
        assertThat(embedding.get("supports_embeddings").asBoolean()).isTrue();
        assertThat(embedding.get("discovered_at").isNull()).isFalse();

        String mockId = find(models, "mock").get("id").asString();
        api().patch("/api/v1/llm/models/" + mockId, "{\"name\":\"My renamed mock\",\"context_window_tokens\":4096}");

        JsonNode refreshed = api().get("/api/v1/llm/providers/" + id + "/models?refresh=true").json();
        JsonNode mock = find(refreshed, "mock");
        assertThat(mock.get("name").asString()).isEqualTo("My renamed mock");
        assertThat(mock.get("context_window_tokens").asInt()).isEqualTo(4096);
        assertThat(mock.get("edited_fields").toString()).contains("name", "context_window_tokens");
    }

    @Test
    void listingAnUnreachableProviderFailsFastWithAClearError() {
        String id = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("Down")
                + "\",\"provider_type\":\"custom\",\"base_url\":\"http://127.0.0.1:1\"}").json().get("id").asString();

        var response = api().get("/api/v1/llm/providers/" + id + "/models");

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("detail").asString()).contains("Could not list the models");
    }

    @Test
    void addsAModelByHandWithTheHlidskjalfFieldNames() {
        String id = mockServer();

        var created = api().post("/api/v1/llm/providers/" + id + "/models",
                "{\"model_name\":\"my-model\",\"supports_tools\":true,\"supports_embeddings\":false,\"context_window\":4096,"
                        + "\"key\":\"" + unique("My-Key").toUpperCase() + "\"}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode model = created.json();
        assertThat(model.get("model").asString()).isEqualTo("my-model");
        assertThat(model.get("name").asString()).isEqualTo("my-model");
        assertThat(model.get("supports_tool_calling").asBoolean()).isTrue();
        assertThat(model.get("context_window_tokens").asInt()).isEqualTo(4096);
        assertThat(model.get("source").asString()).isEqualTo("manual");
        assertThat(model.get("key").asString()).isEqualTo(model.get("key").asString().toLowerCase());
        assertThat(api().get("/api/v1/llm/models?key=" + model.get("key").asString()).json().size()).isEqualTo(1);
    }

    @Test
    void refusesBadModelInput() {
        String id = mockServer();
        api().post("/api/v1/llm/providers/" + id + "/models", "{\"model\":\"dup\",\"key\":\"" + unique("taken") + "\"}");

        assertProblem(api().post("/api/v1/llm/providers/" + id + "/models", "{\"model\":\"dup\"}"), 409, "model",
                "unique_per_provider");
        assertProblem(api().post("/api/v1/llm/providers/" + id + "/models", "{\"supports_tools\":true}"), 400, "model_name",
                "required");
        assertProblem(api().post("/api/v1/llm/providers/" + id + "/models", "{\"model\":\"x\",\"context_window\":-5}"), 400,
                "context_window", "non_negative");
        assertProblem(api().post("/api/v1/llm/providers/" + id + "/models", "{\"model\":\"x\",\"model_name\":\"y\"}"), 400,
                "model_name", "exclusive");
        assertProblem(api().post("/api/v1/llm/providers/" + id + "/models", "{\"model\":\"x\",\"key\":\"has space\"}"), 400,
                "key", "key_format");
        assertProblem(api().post("/api/v1/llm/providers/" + id + "/models", "{\"model\":\"x\",\"input_cost_per_million\":\"a\"}"),
                400, "input_cost_per_million", "type");
        assertThat(api().get("/api/v1/llm/providers/" + id + "/models").json().findValuesAsString("model"))
                .doesNotContain("x");
    }

    @Test
    void refusesADuplicateKeyAcrossProviders() {
        String key = unique("shared");
        api().post("/api/v1/llm/providers/" + mockServer() + "/models", "{\"model\":\"a\",\"key\":\"" + key + "\"}");

        assertProblem(api().post("/api/v1/llm/providers/" + mockServer() + "/models",
                "{\"model\":\"b\",\"key\":\"" + key.toUpperCase() + "\"}"), 409, "key", "unique");
    }

    @Test
    void enablesAndDisablesAllModelsOfAProvider() {
        String id = mockServer();
        api().get("/api/v1/llm/providers/" + id + "/models");

        JsonNode disabled = api().post("/api/v1/llm/providers/" + id + "/models/disable-all", null).json();
        assertThat(disabled.get("changed").asInt()).isEqualTo(2);
        assertThat(api().get("/api/v1/llm/providers/" + id + "/models").json().findValuesAsString("enabled"))
                .containsOnly("false");

        api().post("/api/v1/llm/providers/" + id + "/models/enable-all", null);
        assertThat(api().get("/api/v1/llm/providers/" + id + "/models").json().findValuesAsString("enabled"))
                .containsOnly("true");
    }

    static JsonNode find(JsonNode models, String model) {
        for (JsonNode m : models) {
            if (m.get("model").asString().equals(model)) {
                return m;
            }
        }
        throw new AssertionError("no model " + model + " in " + models);
    }
}
