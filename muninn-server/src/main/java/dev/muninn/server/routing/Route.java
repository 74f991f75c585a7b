package dev.muninn.server.routing;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/** Which model serves an interaction type: globally ({@code userId} null) or for one user. */
public record Route(String interactionType, String userId, UUID providerId, UUID modelId, UUID presetId,
        Double temperature, Integer maxTokens, List<Fallback> fallbacks, OffsetDateTime updatedAt, String updatedBy,
        long version) {

    /** A model to try, in order, when the one before it fails with a retryable error. */
    public record Fallback(UUID providerId, UUID modelId) {
    }

    public boolean isUserOverride() {
        return userId != null;
    }

    public String label() {
        return userId == null ? "global:" + interactionType : "user:" + userId + ":" + interactionType;
    }
}
