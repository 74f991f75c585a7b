package dev.muninn.server.routing;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** A route as the API shows it; {@code configured} is false for a type that has no route yet. */
public record RouteView(String interactionType, String kind, String userId, boolean configured, UUID providerId,
        String providerName, String providerType, UUID modelId, String modelName, String modelKey, UUID presetId,
        String presetKey, Double temperature, Integer maxTokens, List<FallbackView> fallbacks, OffsetDateTime updatedAt,
        String updatedBy, Long version) {

    /** A fallback as the API shows it. */
    public record FallbackView(UUID providerId, String providerName, UUID modelId, String modelName) {
    }
}
