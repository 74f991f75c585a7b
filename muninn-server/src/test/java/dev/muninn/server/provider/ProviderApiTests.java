package dev.muninn.server.provider;

import static dev.muninn.server.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.muninn.server.support.ApiTestSupport;
import dev.muninn.server.support.TestApi.Response;
import tools.jackson.databind.JsonNode;

class ProviderApiTests extends ApiTestSupport {

    @Test
    void addsAnOpenAiProviderAsTheHlidskjalfDocumentShowsAndNeverReturnsTheKey() {
        String name = unique("OpenAI");
        Response created = api().post("/api/v1/llm/providers",
                "{\"name\":\"" + name + "\",\"provider_type\":\"openai\",\"api_key\":\"sk-test-abcdefgh1234\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).doesNotContain("sk-test-abcdefgh1234");
        JsonNode provider = created.json();
        assertThat(provider.get("name").asString()).isEqualTo(name);
        assertThat(provider.get("provider_type").asString()).isEqualTo("openai");
        assertThat(provider.get("api_format").asString()).isEqualTo("openai");
        assertThat(provider.get("base_url").asString()).isEqualTo("https://api.openai.com");
        assertThat(provider.get("api_prefix").asString()).isEqualTo("/v1");
        assertThat(provider.get("has_api_key").asBoolean()).isTrue();
        assertThat(provider.get("api_key_last4").asString()).isEqualTo("1234");
        assertThat(provider.get("enabled").asBoolean()).isTrue();
        assertThat(provider.get("validated_at").isNull()).isTrue();

        JsonNode listed = api().get("/api/v1/llm/providers").json();
        assertThat(listed.findValuesAsString("name")).contains(name);
        assertThat(api().get("/api/v1/llm/providers").body()).doesNotContain("sk-test-abcdefgh1234");
    }

    @Test
    void splitsACustomServersApiBaseUrlIntoBaseUrlAndPrefix() {
        JsonNode provider = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("LM Studio")
                + "\",\"provider_type\":\"custom\",\"api_base_url\":\"http://localhost:1234/v1\",\"api_key\":\"optional\"}").json();

        assertThat(provider.get("base_url").asString()).isEqualTo("http://localhost:1234");
        assertThat(provider.get("api_prefix").asString()).isEqualTo("/v1");
        assertThat(provider.get("api_base_url").asString()).isEqualTo("http://localhost:1234/v1");
        // a key shorter than eight characters is set but not partly shown
        assertThat(provider.get("has_api_key").asBoolean()).isTrue();
    }

    @Test
    void patchChangesOnlyTheGivenFieldsAndNullClearsTheKey() {
        String id = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("vLLM")
                + "\",\"provider_type\":\"custom\",\"base_url\":\"http://vllm.internal:8000\",\"api_key\":\"token-00005678\","
                + "\"headers\":{\"X-Team\":\"search\"}}").json().get("id").asString();

        JsonNode renamed = api().patch("/api/v1/llm/providers/" + id, "{\"message_overhead_tokens\":4}").json();
        assertThat(renamed.get("message_overhead_tokens").asInt()).isEqualTo(4);
        assertThat(renamed.get("headers").get("X-Team").asString()).isEqualTo("search");
        assertThat(renamed.get("api_key_last4").asString()).isEqualTo("5678");
        assertThat(renamed.get("version").asLong()).isEqualTo(1);

        JsonNode cleared = api().patch("/api/v1/llm/providers/" + id, "{\"api_key\":null}").json();
        assertThat(cleared.get("has_api_key").asBoolean()).isFalse();
        assertThat(api().get("/api/v1/llm/providers/" + id).json().get("has_api_key").asBoolean()).isFalse();
    }

    @Test
    void refusesBadInputNamingTheFieldAndTheRule() {
        assertProblem(api().post("/api/v1/llm/providers", "{\"name\":\"x\",\"provider_type\":\"mistral\"}"),
                400, "provider_type", "one_of");
        assertProblem(api().post("/api/v1/llm/providers", "{\"name\":\"x\",\"provider_type\":\"custom\",\"base_url\":\"not a url\"}"),
                400, "base_url", "url");
        assertProblem(api().post("/api/v1/llm/providers", "{\"name\":\"x\",\"provider_type\":\"custom\"}"),
                400, "base_url", "required");
        assertProblem(api().post("/api/v1/llm/providers", "{\"name\":\"x\",\"provider_type\":\"openai\",\"message_overhead_tokens\":-1}"),
                400, "message_overhead_tokens", "non_negative");
        assertProblem(api().post("/api/v1/llm/providers",
                "{\"name\":\"x\",\"provider_type\":\"openai\",\"llm_options_defaults\":{\"temperature\":0.3,\"stream\":true}}"),
                400, "llm_options_defaults.stream", "reserved_key");
        assertProblem(api().post("/api/v1/llm/providers",
                "{\"name\":\"x\",\"provider_type\":\"openai\",\"headers\":{\"Authorization\":\"Bearer sk-1\"}}"),
                400, "headers.Authorization", "no_credentials");
        assertProblem(api().post("/api/v1/llm/providers", "{\"name\":\"x\",\"provider_type\":\"openai\",\"colour\":1}"),
                400, "colour", "known_field");
        assertProblem(api().post("/api/v1/llm/providers", "{\"name\":"), 400, null, "json");
        assertProblem(api().get("/api/v1/llm/providers/not-a-uuid"), 400, "id", "type");
        assertThat(api().get("/api/v1/llm/providers/00000000-0000-0000-0000-000000000000").status()).isEqualTo(404);
    }

    @Test
    void refusesADuplicateNameCaseInsensitivelyAndWritesNothing() {
        String name = unique("Anthropic");
        assertThat(api().post("/api/v1/llm/providers", "{\"name\":\"" + name + "\",\"provider_type\":\"anthropic\"}").status())
                .isEqualTo(201);
        int before = api().get("/api/v1/llm/providers").json().size();

        assertProblem(api().post("/api/v1/llm/providers", "{\"name\":\"" + name.toUpperCase() + "\",\"provider_type\":\"anthropic\"}"),
                409, "name", "unique");
        assertThat(api().get("/api/v1/llm/providers").json().size()).isEqualTo(before);
    }

    @Test
    void refusesAStaleVersion() {
        String id = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("Stale") + "\",\"provider_type\":\"openai\"}")
                .json().get("id").asString();
        api().patch("/api/v1/llm/providers/" + id, "{\"enabled\":false}");

        assertProblem(api().patch("/api/v1/llm/providers/" + id, "{\"version\":0,\"enabled\":true}"), 409, "version", "current");
        assertThat(api().get("/api/v1/llm/providers/" + id).json().get("enabled").asBoolean()).isFalse();
    }

    @Test
    void requiresTheAdminToken() {
        Response response = anonymous().get("/api/v1/llm/providers");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(anonymous().get("/actuator/health").status()).isEqualTo(200);
    }
}
