package dev.muninn.server.seed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.muninn.server.support.ApiTestSupport;
import tools.jackson.databind.JsonNode;

class SeedApiTests extends ApiTestSupport {

    private JsonNode provider(String name) {
        for (JsonNode p : api().get("/api/v1/llm/providers").json()) {
            if (p.get("name").asString().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no provider " + name);
    }

    @Test
    void seedsProvidersModelsPresetsAndRoutesOnTheMockWhenNoOpenAiKeyIsSet() {
        assertThat(provider("OpenAI").get("has_api_key").asBoolean()).isFalse();
        assertThat(provider("Anthropic").get("api_format").asString()).isEqualTo("anthropic");
        JsonNode openRouter = provider("OpenRouter");
        assertThat(openRouter.get("api_base_url").asString()).isEqualTo("https://openrouter.ai/api/v1");

        JsonNode openRouterModels = api().get("/api/v1/llm/providers/" + openRouter.get("id").asString() + "/models").json();
        assertThat(openRouterModels.size()).isEqualTo(17);
        assertThat(openRouterModels.findValuesAsString("source")).containsOnly("seeded");
        String deepseek = ModelIds.find(openRouterModels, "deepseek/deepseek-r1-0528");
        JsonNode presets = api().get("/api/v1/llm/models/" + deepseek + "/presets").json();
        assertThat(presets.get(0).get("key").asString()).isEqualTo("default");
        assertThat(presets.get(0).get("llm_options_overrides").get("temperature").asDouble()).isEqualTo(0.6);

        JsonNode mock = api().get("/api/v1/llm/models?key=mock").json().get(0);
        assertThat(mock.get("provider_name").asString()).isEqualTo("Mock (Local)");
        assertThat(mock.get("supports_streaming").asBoolean()).isTrue();

        JsonNode planning = api().get("/api/v1/llm/config/planning").json();
        assertThat(planning.get("provider_name").asString()).isEqualTo("Mock (Local)");
        assertThat(planning.get("temperature").asDouble()).isEqualTo(0.2);
        assertThat(api().get("/api/v1/llm/config/embeddings").json().get("model_name").asString()).isEqualTo("mock-embedding");
        assertThat(api().get("/api/v1/llm/config/reasoning").json().get("temperature").asDouble()).isEqualTo(0.7);
    }

    @Test
    void seedingAgainAddsWhatIsMissingAndNeverOverwritesAnEdit() {
        JsonNode openRouter = provider("OpenRouter");
        String providerId = openRouter.get("id").asString();
        JsonNode models = api().get("/api/v1/llm/providers/" + providerId + "/models").json();
        String glm = ModelIds.find(models, "z-ai/glm-4.6");
        String kimi = ModelIds.find(models, "moonshotai/kimi-k2-0905");
        api().patch("/api/v1/llm/providers/" + providerId, "{\"headers\":{\"X-Title\":\"Edited\"}}");
        api().patch("/api/v1/llm/models/" + glm, "{\"name\":\"GLM (edited)\",\"enabled\":false}");
        String preset = api().get("/api/v1/llm/models/" + glm + "/presets").json().get(0).get("id").asString();
        api().patch("/api/v1/llm/presets/" + preset, "{\"llm_options_overrides\":{\"temperature\":0.1}}");
        api().delete("/api/v1/llm/models/" + kimi);

        JsonNode report = api().post("/api/v1/llm/seed", null).json();

        assertThat(report.get("created").toString()).contains("moonshotai/kimi-k2-0905").doesNotContain("glm");
        assertThat(provider("OpenRouter").get("headers").get("X-Title").asString()).isEqualTo("Edited");
        JsonNode edited = api().get("/api/v1/llm/models/" + glm).json();
        assertThat(edited.get("name").asString()).isEqualTo("GLM (edited)");
        assertThat(edited.get("enabled").asBoolean()).isFalse();
        assertThat(api().get("/api/v1/llm/presets/" + preset).json().get("llm_options_overrides").get("temperature").asDouble())
                .isEqualTo(0.1);
    }

    /** Finds a model's id in a list by its provider model id. */
    static final class ModelIds {
        static String find(JsonNode models, String model) {
            for (JsonNode m : models) {
                if (m.get("model").asString().equals(model)) {
                    return m.get("id").asString();
                }
            }
            throw new AssertionError("no model " + model);
        }
    }
}
