package dev.muninn.server.routing;

import java.time.OffsetDateTime;
import java.util.UUID;

/** A route as the API shows it; {@code configured} is false for a type that has no route yet. */
public record RouteView(String interactionType, String kind, String userId, boolean configured, UUID providerId,
        String providerName, String providerType, UUID modelId, String modelName, String modelKey, UUID presetId,
        String presetKey, Double temperature, Integer maxTokens, OffsetDateTime updatedAt, String updatedBy, Long version) {
}
