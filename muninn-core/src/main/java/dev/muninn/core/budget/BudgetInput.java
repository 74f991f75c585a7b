package dev.muninn.core.budget;

import tools.jackson.databind.JsonNode;

/**
 * What the budget check needs to know about one request.
 *
 * @param model                 model id, picks the tokenizer
 * @param contextWindowTokens   the model's context window; 0 means unlimited
 * @param messageOverheadTokens per-message overhead (the model's, else the provider's)
 * @param messages              OpenAI-shaped messages array
 * @param tools                 OpenAI tools array, or null
 * @param reserveTokens         tokens kept free for the answer: the request's max_tokens, 0 when absent
 */
public record BudgetInput(String model, int contextWindowTokens, int messageOverheadTokens, JsonNode messages,
                          JsonNode tools, int reserveTokens) {

    public BudgetInput {
        model = model == null ? "" : model;
        contextWindowTokens = Math.max(0, contextWindowTokens);
        messageOverheadTokens = Math.max(0, messageOverheadTokens);
        reserveTokens = Math.max(0, reserveTokens);
    }
}
