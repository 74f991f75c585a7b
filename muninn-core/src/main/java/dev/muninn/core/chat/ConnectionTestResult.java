package dev.muninn.core.chat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of the smallest real request to a model. The server sets the model's
 * {@code connection_tested_at} on success and clears it on failure.
 */
public record ConnectionTestResult(boolean success, long latencyMs, ResultCode code, String message,
                                   Map<String, Object> details) {

    public ConnectionTestResult {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
