package dev.muninn.server.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.muninn.server.support.ApiTestSupport;
import tools.jackson.databind.JsonNode;

class ChatTargetsTests extends ApiTestSupport {

    @Autowired
    ChatTargets targets;

    private String providerWithModel(String key) {
        String id = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("Cached") + "\",\"provider_type\":\"custom\","
                + "\"base_url\":\"http://localhost:" + port + "/mock_llm\",\"api_key\":\"sk-cached-0001\"}").json().get("id").asString();
        api().post("/api/v1/llm/providers/" + id + "/models", "{\"model\":\"mock\",\"key\":\"" + key + "\"}");
        return id;
    }

    private void chat(String modelKey) {
        JsonNode result = api().post("/api/v1/llm/chat", "{\"model_key\":\"" + modelKey + "\",\"user_text\":\"hi\"}").json();
        assertThat(result.get("success").asBoolean()).as(result.toString()).isTrue();
    }

    @Test
    void aDeletedProvidersOpenedConnectionIsForgotten() {
        String gone = providerWithModel(unique("gone"));
        chat(api().get("/api/v1/llm/providers/" + gone + "/models").json().get(0).get("key").asString());
        assertThat(targets.cachedProviders()).contains(UUID.fromString(gone));

        assertThat(api().delete("/api/v1/llm/providers/" + gone).status()).isEqualTo(204);
        String kept = providerWithModel(unique("kept"));
        chat(api().get("/api/v1/llm/providers/" + kept + "/models").json().get(0).get("key").asString());

        assertThat(targets.cachedProviders()).contains(UUID.fromString(kept)).doesNotContain(UUID.fromString(gone));
    }
}
