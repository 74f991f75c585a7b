package dev.muninn.server.mock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * OpenAI's wire shapes as the mock answers them. Multi-word names are spelled out so the
 * shapes stay OpenAI's whatever naming strategy the application's JSON mapper uses.
 */
final class OpenAi {

    private OpenAi() {
    }

    record ModelList(String object, List<Model> data) {
    }

    record Model(String id, String object, long created, @JsonProperty("owned_by") String ownedBy) {
    }

    record ChatCompletion(String id, String object, long created, String model,
            @JsonProperty("system_fingerprint") String systemFingerprint, List<Choice> choices, Usage usage) {
    }

    record Choice(int index, Message message, @JsonInclude(JsonInclude.Include.ALWAYS) Object logprobs,
            @JsonProperty("finish_reason") String finishReason) {
    }

    record Message(String role, String content) {
    }

    record Usage(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("completion_tokens") int completionTokens,
            @JsonProperty("total_tokens") int totalTokens) {
    }

    record ChatCompletionChunk(String id, String object, long created, String model,
            @JsonProperty("system_fingerprint") String systemFingerprint, List<ChunkChoice> choices,
            @JsonInclude(JsonInclude.Include.NON_NULL) Usage usage) {
    }

    record ChunkChoice(int index, Delta delta, @JsonInclude(JsonInclude.Include.ALWAYS) Object logprobs,
            @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("finish_reason") String finishReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Delta(String role, String content) {
    }

    record EmbeddingList(String object, List<Embedding> data, String model, EmbeddingUsage usage) {
    }

    /** {@code embedding} is a float array, or a base64 string of little-endian floats. */
    record Embedding(String object, Object embedding, int index) {
    }

    record EmbeddingUsage(@JsonProperty("prompt_tokens") int promptTokens,
            @JsonProperty("total_tokens") int totalTokens) {
    }

    record ErrorResponse(Error error) {
    }

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Error(String message, String type, String param, String code) {
    }
}
