package dev.muninn.server.apikey;

import java.time.OffsetDateTime;
import java.util.UUID;

/** The answer to creating a key: the only time the key itself is ever shown. */
record CreatedApiKey(UUID id, String name, String userId, OffsetDateTime createdAt, String key) {
}
