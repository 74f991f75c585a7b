package dev.muninn.server.catalog;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Set;
import java.util.UUID;

/**
 * A model as the API shows it. {@code model_name}, {@code supports_tools} and {@code context_window}
 * repeat {@code model}, {@code supports_tool_calling} and {@code context_window_tokens} under the
 * Hliðskjálf document's names.
 */
public record ModelView(UUID id, UUID providerId, String providerName, String model, String modelName, String name,
        String key, boolean enabled, String source, boolean supportsToolCalling, boolean supportsTools,
        boolean supportsEmbeddings, boolean supportsStreaming, boolean supportsResponseFormatJsonObject,
        boolean supportsResponseFormatJsonSchema, boolean supportsParallelToolCalls, boolean supportsVision,
        int contextWindowTokens, int contextWindow, Integer maxOutputTokens, Integer messageOverheadTokens,
        BigDecimal inputCostPerMillion, BigDecimal outputCostPerMillion, OffsetDateTime connectionTestedAt,
        String comment, OffsetDateTime discoveredAt, Set<String> editedFields, OffsetDateTime createdAt,
        OffsetDateTime updatedAt, long version) {

    public static ModelView of(Model m, String providerName) {
        Capabilities c = m.capabilities();
        return new ModelView(m.id(), m.providerId(), providerName, m.model(), m.model(), m.name(), m.key(), m.enabled(),
                m.source().value(), c.toolCalling(), c.toolCalling(), c.embeddings(), c.streaming(), c.jsonObject(),
                c.jsonSchema(), c.parallelToolCalls(), c.vision(), m.contextWindowTokens(), m.contextWindowTokens(),
                m.maxOutputTokens(), m.messageOverheadTokens(), m.inputCostPerMillion(), m.outputCostPerMillion(),
                m.connectionTestedAt(), m.comment(), m.discoveredAt(), m.editedFields(), m.createdAt(), m.updatedAt(),
                m.version());
    }
}
