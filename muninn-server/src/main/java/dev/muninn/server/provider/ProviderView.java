package dev.muninn.server.provider;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A provider as the API shows it: whether a key is set and its last four characters, never the
 * key. {@code api_base_url} is base_url + api_prefix, the form the Hliðskjálf API uses.
 */
public record ProviderView(UUID id, String name, String providerType, String apiFormat, String baseUrl,
        String apiPrefix, String apiBaseUrl, Map<String, String> headers, boolean hasApiKey, String apiKeyLast4,
        String apiKeySource, boolean enabled, OffsetDateTime validatedAt, String validationError,
        Map<String, Object> llmOptionsDefaults, int messageOverheadTokens, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, long version) {
}
