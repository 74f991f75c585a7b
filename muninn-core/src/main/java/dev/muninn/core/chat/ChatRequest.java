package dev.muninn.core.chat;

import dev.muninn.core.transport.internal.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What the caller asks: OpenAI-shaped {@code messages}, or a single {@code userText}; tools,
 * tool_choice and response_format from the caller's request; and whether a disabled model may
 * be used (admins testing a model before enabling it). Sampling options travel separately as
 * merged options. JSON arguments are copied, so later changes by the caller do not leak in.
 */
public record ChatRequest(JsonNode messages, String userText, JsonNode tools, JsonNode toolChoice,
                          JsonNode responseFormat, boolean allowDisabled) {

    private static final Set<String> NOT_OPTIONS =
            Set.of("model", "messages", "stream", "tools", "tool_choice", "response_format");

    public ChatRequest {
        messages = copy(messages);
        tools = copy(tools);
        toolChoice = copy(toolChoice);
        responseFormat = copy(responseFormat);
    }

    public static ChatRequest ofUserText(String userText) {
        return new ChatRequest(null, userText, null, null, null, false);
    }

    public static ChatRequest ofMessages(JsonNode messages) {
        return new ChatRequest(messages, null, null, null, null, false);
    }

    /**
     * The request part of an OpenAI {@code /chat/completions} body, as the gateway receives it:
     * messages, tools, tool_choice and response_format. The rest are options: see {@link #optionsOf}.
     */
    public static ChatRequest fromOpenAiBody(JsonNode body) {
        return new ChatRequest(body.get("messages"), null, body.get("tools"), body.get("tool_choice"),
                body.get("response_format"), false);
    }

    /**
     * The request-level options of an OpenAI body (temperature, max_tokens, stop, seed, any
     * provider extension), for the REQUEST layer of the option merge. Leaves out what
     * {@link #fromOpenAiBody} takes, the model (resolution picks it) and stream (the caller picks
     * run or stream).
     */
    public static Map<String, Object> optionsOf(JsonNode body) {
        Map<String, Object> options = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            if (!NOT_OPTIONS.contains(field.getKey())) {
                options.put(field.getKey(), field.getValue().deepCopy());
            }
        }
        return options;
    }

    public ChatRequest withTools(JsonNode newTools, JsonNode newToolChoice) {
        return new ChatRequest(messages, userText, newTools, newToolChoice, responseFormat, allowDisabled);
    }

    public ChatRequest withResponseFormat(JsonNode newResponseFormat) {
        return new ChatRequest(messages, userText, tools, toolChoice, newResponseFormat, allowDisabled);
    }

    public ChatRequest allowingDisabled() {
        return new ChatRequest(messages, userText, tools, toolChoice, responseFormat, true);
    }

    /** The messages to send: {@code messages}, else one user message with {@code userText}, else null. */
    public JsonNode effectiveMessages() {
        if (messages != null) {
            return messages.deepCopy();
        }
        if (userText == null) {
            return null;
        }
        var array = Json.array();
        array.addObject().put("role", "user").put("content", userText);
        return array;
    }

    private static JsonNode copy(JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node.deepCopy();
    }
}
