package dev.muninn.server.routing;

import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of PUT and PATCH on routes, for the API docs; the service reads it field by field. */
@Schema(name = "RouteRequest", description = "Name the model by provider_id + model_name, by model_id, or by model_key")
record RouteRequest(UUID providerId, @Schema(example = "gpt-4o") String modelName, UUID modelId, String modelKey,
        UUID presetId, String presetKey, @Schema(minimum = "0", maximum = "2", example = "0.7") Double temperature,
        @Schema(minimum = "1") Integer maxTokens, List<FallbackRequest> fallbacks, Long version) {

    record FallbackRequest(UUID providerId, String modelName, UUID modelId, String modelKey) {
    }
}
