package dev.muninn.core.budget;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of a budget check. The request fits when {@code estimate + reserve <= limit},
 * or always when {@code limit} is 0 (unlimited).
 *
 * @param estimate     prompt tokens: message content, tool calls, tool definitions, plus overhead
 * @param reserve      tokens kept for the answer (the request's max_tokens)
 * @param overhead     the per-message overhead part of {@code estimate}
 * @param limit        the context window, 0 = unlimited
 * @param tokenizer    {@code o200k_base}, {@code cl100k_base} or {@code estimate} (chars / 4)
 * @param withinBudget whether the request may be sent
 */
public record BudgetResult(int estimate, int reserve, int overhead, int limit, String tokenizer,
                           boolean withinBudget) {

    /** The numbers a PROMPT_TOO_LONG failure reports. */
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("estimate", estimate);
        details.put("reserve", reserve);
        details.put("overhead", overhead);
        details.put("limit", limit);
        details.put("tokenizer", tokenizer);
        return details;
    }
}
