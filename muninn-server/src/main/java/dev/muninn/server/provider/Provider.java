package dev.muninn.server.provider;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/**
 * A stored provider. {@code apiKeyRef} is a secret reference (sealed ciphertext or
 * {@code env:NAME}), never a key.
 */
public record Provider(UUID id, String name, ProviderType type, String baseUrl, String apiPrefix,
        Map<String, String> headers, String apiKeyRef, boolean enabled, OffsetDateTime validatedAt,
        String validationError, Map<String, Object> llmOptionsDefaults, int messageOverheadTokens,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {

    public String apiFormat() {
        return type.apiFormat();
    }

    public Provider withValidation(OffsetDateTime validatedAt, String validationError) {
        return new Provider(id, name, type, baseUrl, apiPrefix, headers, apiKeyRef, enabled, validatedAt,
                validationError, llmOptionsDefaults, messageOverheadTokens, createdAt, updatedAt, version);
    }
}
