package dev.muninn.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.muninn.server.support.ApiTestSupport;

class DocsTests extends ApiTestSupport {

    @Test
    void openApiAndSwaggerUiArePublicAtDocs() {
        var openApi = anonymous().get("/docs/openapi.json");
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.json().get("paths").has("/api/v1/llm/providers")).isTrue();
        assertThat(openApi.json().get("paths").has("/api/v1/llm/config/{type}/effective")).isTrue();
        assertThat(openApi.json().get("paths").get("/v1/chat/completions").has("post")).isTrue();
        assertThat(openApi.json().get("paths").get("/v1/models").has("get")).isTrue();
        var providerRequest = openApi.json().get("components").get("schemas").get("ProviderRequest").get("properties");
        assertThat(providerRequest.has("provider_type")).as(providerRequest.toString()).isTrue();
        assertThat(providerRequest.has("api_base_url")).isTrue();

        var docs = anonymous().get("/docs");
        assertThat(docs.status()).isEqualTo(302);
        String swaggerUi = docs.raw().headers().firstValue("Location").orElseThrow();
        var ui = anonymous().get(swaggerUi.replaceFirst("^https?://[^/]+", ""));
        assertThat(ui.status()).as(swaggerUi).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");
    }
}
