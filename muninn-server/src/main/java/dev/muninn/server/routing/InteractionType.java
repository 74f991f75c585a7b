package dev.muninn.server.routing;

import java.time.OffsetDateTime;

import com.fasterxml.jackson.annotation.JsonValue;

/** A purpose a model is chosen for: the five built in, or one an admin added. */
public record InteractionType(String name, Kind kind, boolean builtIn, String description, OffsetDateTime createdAt) {

    /** Chat types take chat models; embeddings types take only models that support embeddings. */
    public enum Kind {
        CHAT, EMBEDDINGS;

        @JsonValue
        public String value() {
            return name().toLowerCase();
        }
    }
}
