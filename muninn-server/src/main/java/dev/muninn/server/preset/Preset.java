package dev.muninn.server.preset;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

/** Sampling and request overrides for one model; the preset keyed {@code default} applies when none is named. */
public record Preset(UUID id, UUID modelId, String key, Map<String, Object> llmOptionsOverrides, String comment,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, long version) {

    public static final String DEFAULT_KEY = "default";
}
