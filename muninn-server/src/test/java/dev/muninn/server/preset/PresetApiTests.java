package dev.muninn.server.preset;

import static dev.muninn.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.muninn.server.support.ApiTestSupport;
import tools.jackson.databind.JsonNode;

class PresetApiTests extends ApiTestSupport {

    private String modelId;

    @BeforeEach
    void model() {
        String providerId = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("Presets")
                + "\",\"provider_type\":\"custom\",\"base_url\":\"http://localhost:1\"}").json().get("id").asString();
        modelId = api().post("/api/v1/llm/providers/" + providerId + "/models", "{\"model\":\"m\"}").json().get("id").asString();
    }

    @Test
    void createsListsChangesAndDeletesPresets() {
        JsonNode preset = api().post("/api/v1/llm/models/" + modelId + "/presets",
                "{\"key\":\"Creative\",\"llm_options_overrides\":{\"temperature\":1.2,\"top_p\":0.95},\"comment\":\"for stories\"}")
                .json();
        assertThat(preset.get("key").asString()).isEqualTo("creative");
        String id = preset.get("id").asString();

        JsonNode changed = api().patch("/api/v1/llm/presets/" + id, "{\"llm_options_overrides\":{\"temperature\":1.0}}").json();
        assertThat(changed.get("llm_options_overrides").toString()).isEqualTo("{\"temperature\":1.0}");
        assertThat(changed.get("comment").asString()).isEqualTo("for stories");
        assertThat(api().get("/api/v1/llm/models/" + modelId + "/presets").json().size()).isEqualTo(1);

        assertThat(api().delete("/api/v1/llm/presets/" + id).status()).isEqualTo(204);
        assertThat(api().get("/api/v1/llm/presets/" + id).status()).isEqualTo(404);
    }

    @Test
    void refusesReservedKeysAndDuplicateKeysAndKeepsThePresetAsItWas() {
        for (String reserved : new String[] {"model", "messages", "stream", "tools", "tool_choice", "response_format"}) {
            assertProblem(api().post("/api/v1/llm/models/" + modelId + "/presets",
                    "{\"llm_options_overrides\":{\"" + reserved + "\":1}}"), 400, "llm_options_overrides." + reserved,
                    "reserved_key");
        }
        String id = api().post("/api/v1/llm/models/" + modelId + "/presets",
                "{\"key\":\"default\",\"llm_options_overrides\":{\"temperature\":0.3}}").json().get("id").asString();

        assertProblem(api().post("/api/v1/llm/models/" + modelId + "/presets", "{\"key\":\"DEFAULT\"}"), 409, "key",
                "unique_per_model");
        assertProblem(api().patch("/api/v1/llm/presets/" + id, "{\"llm_options_overrides\":{\"stream\":true}}"), 400,
                "llm_options_overrides.stream", "reserved_key");
        assertProblem(api().post("/api/v1/llm/models/" + modelId + "/presets", "{\"llm_options_overrides\":[1]}"), 400,
                "llm_options_overrides", "object");
        assertThat(api().get("/api/v1/llm/presets/" + id).json().get("llm_options_overrides").toString())
                .isEqualTo("{\"temperature\":0.3}");
    }
}
