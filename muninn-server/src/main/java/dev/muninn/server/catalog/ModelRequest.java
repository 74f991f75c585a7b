package dev.muninn.server.catalog;

import java.math.BigDecimal;

import io.swagger.v3.oas.annotations.media.Schema;

/** The body of POST and PATCH on models, for the API docs; the service reads it field by field. */
@Schema(name = "ModelRequest", description = "model_name, supports_tools and context_window are accepted as aliases")
record ModelRequest(@Schema(description = "The provider's model id (create only)", example = "my-model") String model,
        String name, @Schema(description = "Globally unique, stored lowercase") String key, Boolean enabled,
        Boolean supportsToolCalling, Boolean supportsEmbeddings, Boolean supportsStreaming,
        Boolean supportsResponseFormatJsonObject, Boolean supportsResponseFormatJsonSchema, Boolean supportsParallelToolCalls,
        Boolean supportsVision, @Schema(description = "0 = unlimited") Integer contextWindowTokens, Integer maxOutputTokens,
        @Schema(description = "null inherits the provider's") Integer messageOverheadTokens, BigDecimal inputCostPerMillion,
        BigDecimal outputCostPerMillion, String comment, Long version) {
}
