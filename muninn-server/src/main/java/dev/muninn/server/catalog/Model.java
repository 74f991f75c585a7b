package dev.muninn.server.catalog;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/** A model of a provider: {@code model} is the provider's id for it, {@code key} a global short name. */
public record Model(UUID id, UUID providerId, String model, String name, String key, boolean enabled, ModelSource source,
        Capabilities capabilities, int contextWindowTokens, Integer maxOutputTokens, Integer messageOverheadTokens,
        BigDecimal inputCostPerMillion, BigDecimal outputCostPerMillion, OffsetDateTime connectionTestedAt,
        String comment, OffsetDateTime discoveredAt, Set<String> editedFields, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, long version) {

    public boolean supportsEmbeddings() {
        return capabilities.embeddings();
    }
}
