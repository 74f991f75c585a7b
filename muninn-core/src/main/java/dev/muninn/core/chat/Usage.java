package dev.muninn.core.chat;

import tools.jackson.databind.JsonNode;

/** Token usage as the provider reported it; fields are null when it did not. */
public record Usage(Integer promptTokens, Integer completionTokens, Integer totalTokens) {

    public static final Usage UNKNOWN = new Usage(null, null, null);

    /** Reads an OpenAI {@code usage} object; {@link #UNKNOWN} when absent. */
    public static Usage from(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return UNKNOWN;
        }
        Integer prompt = number(usage.get("prompt_tokens"));
        Integer completion = number(usage.get("completion_tokens"));
        Integer total = number(usage.get("total_tokens"));
        if (total == null && prompt != null) {
            total = prompt + (completion == null ? 0 : completion);
        }
        return new Usage(prompt, completion, total);
    }

    private static Integer number(JsonNode node) {
        return node != null && node.isNumber() ? node.asInt() : null;
    }
}
