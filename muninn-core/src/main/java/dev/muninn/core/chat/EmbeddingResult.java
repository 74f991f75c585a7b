package dev.muninn.core.chat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The outcome of an embeddings run: one vector per input, in input order, or a failure with
 * the same codes as a chat run.
 */
public record EmbeddingResult(
        boolean success,
        ResultCode code,
        String message,
        Map<String, Object> details,
        List<List<Double>> vectors,
        Usage usage,
        String provider,
        String model,
        long latencyMs) {

    public EmbeddingResult {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        vectors = vectors == null ? List.of() : vectors.stream().map(List::copyOf).toList();
        usage = usage == null ? Usage.UNKNOWN : usage;
    }

    static EmbeddingResult failure(ResultCode code, String message, Map<String, Object> details, String provider,
                                   String model, long latencyMs) {
        return new EmbeddingResult(false, code, message, details, List.of(), Usage.UNKNOWN, provider, model,
                latencyMs);
    }
}
