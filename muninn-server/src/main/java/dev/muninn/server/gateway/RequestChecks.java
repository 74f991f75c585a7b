package dev.muninn.server.gateway;

import dev.muninn.core.budget.BudgetInput;
import dev.muninn.core.budget.BudgetResult;
import dev.muninn.core.budget.TokenBudget;
import dev.muninn.core.chat.ChatTarget;
import dev.muninn.core.chat.ModelProfile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What can be known before sending, checked the way the run-chat runner checks it: enabled flags,
 * capabilities and the token budget, so a request that cannot succeed fails fast and costs nothing.
 */
final class RequestChecks {

    private RequestChecks() {
    }

    static void enabled(ChatTarget target) {
        if (!target.providerEnabled()) {
            throw new GatewayException(409, "invalid_request_error", "provider_disabled", "model",
                    "Provider " + target.connection().providerName() + " is disabled", false);
        }
        if (!target.profile().enabled()) {
            throw new GatewayException(409, "invalid_request_error", "model_disabled", "model",
                    "Model " + target.model() + " is disabled", false);
        }
    }

    /** Checks a chat body whose options are already merged in. */
    static void chat(ChatTarget target, ObjectNode body, boolean stream) {
        enabled(target);
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw GatewayException.invalid("messages", "invalid_value", "'messages' must be a non-empty array");
        }
        for (JsonNode message : messages) {
            if (!message.isObject() || !message.path("role").isString()) {
                throw GatewayException.invalid("messages", "invalid_value", "Every message needs a 'role'");
            }
        }
        ModelProfile profile = target.profile();
        JsonNode tools = body.get("tools");
        boolean hasTools = tools != null && tools.isArray() && !tools.isEmpty();
        if (hasTools && !profile.supportsToolCalling()) {
            throw unsupported(target, "tools", "tool calling");
        }
        JsonNode format = body.get("response_format");
        if (format != null) {
            String type = format.path("type").asString("");
            if ("json_object".equals(type) && !profile.supportsJsonObject()) {
                throw unsupported(target, "response_format", "JSON object responses");
            }
            if ("json_schema".equals(type) && !profile.supportsJsonSchema()) {
                throw unsupported(target, "response_format", "JSON schema responses");
            }
        }
        if (stream && !profile.supportsStreaming()) {
            throw unsupported(target, "stream", "streaming");
        }
        if (profile.contextWindowTokens() > 0) {
            // Only a bounded context window needs counting; an unlimited one always fits.
            int reserve = reserve(body);
            BudgetResult budget = TokenBudget.check(new BudgetInput(target.model(), profile.contextWindowTokens(),
                    profile.messageOverheadTokens(), messages, hasTools ? tools : null, reserve));
            if (!budget.withinBudget()) {
                throw new GatewayException(422, "invalid_request_error", "context_length_exceeded", "messages",
                        "The prompt needs about " + budget.estimate() + " tokens plus " + budget.reserve()
                                + " reserved for the answer, more than the " + budget.limit()
                                + "-token context window of " + target.model(), false);
            }
        }
    }

    static void embeddings(ChatTarget target, JsonNode input, boolean anthropic) {
        enabled(target);
        if (input == null || !(input.isString() || input.isArray() && !input.isEmpty())) {
            throw GatewayException.invalid("input", "invalid_value", "'input' must be a string or a non-empty array");
        }
        if (anthropic || !target.profile().supportsEmbeddings()) {
            throw unsupported(target, "model", "embeddings");
        }
        int limit = target.profile().contextWindowTokens();
        if (limit > 0) {
            int i = 0;
            Iterable<JsonNode> texts = input.isArray() ? input : java.util.List.of(input);
            for (JsonNode text : texts) {
                if (text.isString() && TokenBudget.countTokens(target.model(), text.asString()) > limit) {
                    throw new GatewayException(422, "invalid_request_error", "context_length_exceeded", "input",
                            "Input " + i + " has more tokens than the " + limit + "-token context window of " + target.model(), false);
                }
                i++;
            }
        }
    }

    private static int reserve(ObjectNode body) {
        JsonNode value = body.get("max_completion_tokens");
        if (value == null || value.isNull()) {
            value = body.get("max_tokens");
        }
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
            throw GatewayException.invalid("max_tokens", "invalid_value", "'max_tokens' must be a non-negative integer");
        }
        return value.asInt();
    }

    private static GatewayException unsupported(ChatTarget target, String param, String what) {
        return new GatewayException(422, "invalid_request_error", "capability_unsupported", param,
                "Model " + target.model() + " does not support " + what, false);
    }
}
