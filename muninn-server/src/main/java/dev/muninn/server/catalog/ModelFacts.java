package dev.muninn.server.catalog;

import java.math.BigDecimal;

/**
 * What discovery or a seed file knows about a model; null means "not told", so a refresh never
 * blanks a value it did not learn.
 */
public record ModelFacts(String model, String name, Integer contextWindowTokens, Integer maxOutputTokens,
        Boolean toolCalling, Boolean embeddings, Boolean streaming, Boolean jsonObject, Boolean jsonSchema,
        Boolean parallelToolCalls, Boolean vision, BigDecimal inputCostPerMillion, BigDecimal outputCostPerMillion) {
}
