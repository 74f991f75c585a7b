package dev.muninn.server.runtime;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.muninn.core.chat.ChatResult;
import dev.muninn.core.chat.Usage;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result of a run: on success the assistant message, finish reason, usage, the provider and
 * model that answered and the latency; on failure a code, a message and details.
 */
public record RunResult(boolean success, String code, String message, Map<String, Object> details,
        ObjectNode assistantMessage, String content, String finishReason, Map<String, Integer> usage, String provider,
        String model, long latencyMs, String interactionType, String source, String presetKey, Map<String, Object> options,
        Map<String, String> optionSources, Integer fallbackIndex, Map<String, Object> context) {

    static RunResult failure(String code, String message, Map<String, Object> details, Map<String, Object> context) {
        return new RunResult(false, code, message, details, null, null, null, null, null, null, 0, null, null, null, null,
                null, null, context);
    }

    /** {@code attempt} 0 is the route's own model; 1 and on are its fallbacks. */
    static RunResult of(ChatResult r, ResolvedTarget target, Map<String, Object> context, int attempt) {
        Map<String, String> sources = new LinkedHashMap<>();
        target.options().sources().forEach((k, v) -> sources.put(k, v.name().toLowerCase()));
        return new RunResult(r.success(), r.code() == null ? null : r.code().name(), r.message(), r.details(),
                r.assistantMessage(), r.success() ? r.content() : null, r.finishReason(), usage(r.usage()),
                r.provider() != null ? r.provider() : target.provider().name(),
                r.model() != null ? r.model() : target.model().model(), r.latencyMs(), target.interactionType(),
                target.source(), target.preset() == null ? null : target.preset().key(), target.options().values(), sources,
                attempt == 0 ? null : attempt, context);
    }

    static Map<String, Integer> usage(Usage usage) {
        if (usage == null) {
            return null;
        }
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("prompt_tokens", usage.promptTokens());
        map.put("completion_tokens", usage.completionTokens());
        map.put("total_tokens", usage.totalTokens());
        return map;
    }
}
