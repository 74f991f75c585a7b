package dev.muninn.core.chat;

/**
 * What the runner must know about a model before sending to it: the stored enabled flag and
 * capability columns, its context window and the effective per-message overhead (the model's,
 * else its provider's).
 *
 * @param contextWindowTokens   0 = unlimited
 */
public record ModelProfile(
        boolean enabled,
        boolean supportsToolCalling,
        boolean supportsJsonObject,
        boolean supportsJsonSchema,
        boolean supportsStreaming,
        boolean supportsEmbeddings,
        int contextWindowTokens,
        int messageOverheadTokens) {

    /**
     * An enabled model assumed to do everything, with no budget: for targets not backed by a
     * catalog row (the environment fallback), where the provider is the only judge.
     */
    public static ModelProfile permissive() {
        return new ModelProfile(true, true, true, true, true, true, 0, 0);
    }

    public ModelProfile withEnabled(boolean value) {
        return new ModelProfile(value, supportsToolCalling, supportsJsonObject, supportsJsonSchema,
                supportsStreaming, supportsEmbeddings, contextWindowTokens, messageOverheadTokens);
    }

    public ModelProfile withContextWindow(int tokens, int overheadPerMessage) {
        return new ModelProfile(enabled, supportsToolCalling, supportsJsonObject, supportsJsonSchema,
                supportsStreaming, supportsEmbeddings, tokens, overheadPerMessage);
    }
}
