package dev.muninn.server.routing;

import java.time.OffsetDateTime;
import java.util.UUID;

/** Which model serves an interaction type: globally ({@code userId} null) or for one user. */
public record Route(String interactionType, String userId, UUID providerId, UUID modelId, UUID presetId,
        Double temperature, Integer maxTokens, OffsetDateTime updatedAt, String updatedBy, long version) {

    public boolean isUserOverride() {
        return userId != null;
    }

    public String label() {
        return userId == null ? "global:" + interactionType : "user:" + userId + ":" + interactionType;
    }
}
