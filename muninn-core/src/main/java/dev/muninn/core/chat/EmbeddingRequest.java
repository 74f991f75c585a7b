package dev.muninn.core.chat;

import dev.muninn.core.transport.internal.Json;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Texts to embed: {@code input} is a string or an array of strings, as in OpenAI's API. */
public record EmbeddingRequest(JsonNode input, boolean allowDisabled) {

    public EmbeddingRequest {
        input = input == null ? null : input.deepCopy();
    }

    public static EmbeddingRequest of(String text) {
        return new EmbeddingRequest(Json.MAPPER.getNodeFactory().stringNode(text), false);
    }

    public static EmbeddingRequest of(List<String> texts) {
        var array = Json.array();
        texts.forEach(array::add);
        return new EmbeddingRequest(array, false);
    }

    public EmbeddingRequest allowingDisabled() {
        return new EmbeddingRequest(input, true);
    }
}
