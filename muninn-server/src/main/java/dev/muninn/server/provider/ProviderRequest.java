package dev.muninn.server.provider;

import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST and PATCH on providers, for the API docs; the service reads it field by field. */
@Schema(name = "ProviderRequest", description = "Absent fields keep their value on PATCH; null clears")
record ProviderRequest(
        @Schema(example = "LM Studio") String name,
        @Schema(allowableValues = {"openai", "anthropic", "custom"}) String providerType,
        @Schema(description = "Write-only; stored encrypted") String apiKey,
        @Schema(description = "Name of an environment variable holding the key, instead of api_key") String apiKeyEnv,
        @Schema(example = "http://localhost:1234/v1", description = "base_url + api_prefix in one") String apiBaseUrl,
        @Schema(example = "http://localhost:1234") String baseUrl,
        @Schema(example = "/v1") String apiPrefix,
        Map<String, String> headers,
        Boolean enabled,
        @Schema(description = "Options sent with every request; reserved keys refused") Map<String, Object> llmOptionsDefaults,
        Integer messageOverheadTokens,
        @Schema(description = "PATCH only: the version read, for optimistic locking") Long version) {
}
