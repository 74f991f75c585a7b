package dev.muninn.core.discovery;

import java.math.BigDecimal;

/**
 * One model a provider offers, with what is known about it. Null means unknown: the
 * provider did not say and the built-in catalog does not know the model.
 * Costs are USD per million tokens.
 */
public record DiscoveredModel(
        String model,
        String displayName,
        Integer contextWindowTokens,
        Integer maxOutputTokens,
        Boolean supportsToolCalling,
        Boolean supportsEmbeddings,
        Boolean supportsStreaming,
        Boolean supportsJsonObject,
        Boolean supportsJsonSchema,
        Boolean supportsParallelToolCalls,
        Boolean supportsVision,
        BigDecimal inputCostPerMillion,
        BigDecimal outputCostPerMillion) {

    /** A model known by id only. */
    public static DiscoveredModel named(String model) {
        return new DiscoveredModel(model, model, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** This model with every unknown field filled from {@code fallback}; known fields stay as they are. */
    public DiscoveredModel orElse(DiscoveredModel fallback) {
        if (fallback == null) {
            return this;
        }
        return new DiscoveredModel(
                model,
                displayName == null || displayName.equals(model) ? first(fallback.displayName, displayName) : displayName,
                first(contextWindowTokens, fallback.contextWindowTokens),
                first(maxOutputTokens, fallback.maxOutputTokens),
                first(supportsToolCalling, fallback.supportsToolCalling),
                first(supportsEmbeddings, fallback.supportsEmbeddings),
                first(supportsStreaming, fallback.supportsStreaming),
                first(supportsJsonObject, fallback.supportsJsonObject),
                first(supportsJsonSchema, fallback.supportsJsonSchema),
                first(supportsParallelToolCalls, fallback.supportsParallelToolCalls),
                first(supportsVision, fallback.supportsVision),
                first(inputCostPerMillion, fallback.inputCostPerMillion),
                first(outputCostPerMillion, fallback.outputCostPerMillion));
    }

    private static <T> T first(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
