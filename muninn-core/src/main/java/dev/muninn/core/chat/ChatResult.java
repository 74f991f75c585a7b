package dev.muninn.core.chat;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outcome of a run. On success: the assistant message (OpenAI shape: role, content,
 * tool_calls), finish reason, usage, who answered and how long it took; {@code code} is null.
 * On failure: a {@link ResultCode}, a key-free message and details (for PROMPT_TOO_LONG:
 * estimate, reserve, overhead, limit).
 *
 * @param response the whole OpenAI {@code chat.completion} for a non-streaming success, else null
 */
public record ChatResult(
        boolean success,
        ResultCode code,
        String message,
        Map<String, Object> details,
        ObjectNode assistantMessage,
        String finishReason,
        Usage usage,
        String provider,
        String model,
        long latencyMs,
        ObjectNode response) {

    public ChatResult {
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
        usage = usage == null ? Usage.UNKNOWN : usage;
    }

    public static ChatResult success(ObjectNode assistantMessage, String finishReason, Usage usage, String provider,
                                     String model, long latencyMs, ObjectNode response) {
        return new ChatResult(true, null, null, Map.of(), assistantMessage, finishReason, usage, provider, model,
                latencyMs, response);
    }

    public static ChatResult failure(ResultCode code, String message, Map<String, Object> details) {
        return new ChatResult(false, code, message, details, null, null, Usage.UNKNOWN, null, null, 0, null);
    }

    /** A failure that happened after the target was known, so provider, model and latency are reported. */
    public static ChatResult failure(ResultCode code, String message, Map<String, Object> details, String provider,
                                     String model, long latencyMs) {
        return new ChatResult(false, code, message, details, null, null, Usage.UNKNOWN, provider, model, latencyMs,
                null);
    }

    /** The assistant's text, "" when it answered only with tool calls or the run failed. */
    public String content() {
        if (assistantMessage == null) {
            return "";
        }
        return assistantMessage.path("content").asString("");
    }
}
