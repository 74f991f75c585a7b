package dev.muninn.server.apikey;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A caller key for the gateway, as shown to admins: never the key or its hash.
 *
 * @param userId the user the key speaks for; null for a service token, which names the user per request
 */
public record ApiKey(UUID id, String name, String userId, OffsetDateTime createdAt, OffsetDateTime lastUsedAt) {

    public boolean serviceToken() {
        return userId == null;
    }
}
