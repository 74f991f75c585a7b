package dev.muninn.server.catalog;

/** What a model can do; the database is the source of truth, discovery only suggests. */
public record Capabilities(boolean toolCalling, boolean embeddings, boolean streaming, boolean jsonObject,
        boolean jsonSchema, boolean parallelToolCalls, boolean vision) {

    public static final Capabilities CHAT_DEFAULTS = new Capabilities(false, false, true, false, false, false, false);
}
