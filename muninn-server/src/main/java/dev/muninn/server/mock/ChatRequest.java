package dev.muninn.server.mock;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The parts of an OpenAI chat completion request that the mock looks at. */
record ChatRequest(String model, List<String> contents, String lastUserText, boolean stream,
        boolean includeUsage, Integer maxTokens) {

    // Role, name and framing of each message, as OpenAI's own count adds a few tokens per message.
    private static final int TOKENS_PER_MESSAGE = 4;

    static ChatRequest from(JsonNode body) {
        if (!body.isObject()) {
            throw MockLlmException.invalidRequest("The request body must be a JSON object", null);
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            throw MockLlmException.invalidRequest("'messages' is a required property", "messages");
        }
        if (messages.isEmpty()) {
            throw MockLlmException.invalidRequest("[] is too short - 'messages'", "messages");
        }
        List<String> contents = new ArrayList<>();
        String lastUserText = "";
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (!message.isObject() || !message.path("role").isString()) {
                throw MockLlmException.invalidRequest("Each message needs a 'role'", "messages[" + i + "].role");
            }
            String text = text(message.path("content"));
            contents.add(text);
            if ("user".equals(message.path("role").stringValue())) {
                lastUserText = text;
            }
        }
        return new ChatRequest(body.path("model").asString("mock"), contents, lastUserText,
                flag(body.path("stream"), "stream"),
                flag(body.path("stream_options").path("include_usage"), "stream_options.include_usage"),
                maxTokens(body));
    }

    int promptTokens() {
        return contents.stream().mapToInt(Words::count).sum() + TOKENS_PER_MESSAGE * contents.size();
    }

    /** Content is a string or, in the multi-part form, an array of {type: text, text} parts. */
    private static String text(JsonNode content) {
        if (content.isString()) {
            return content.stringValue();
        }
        if (content.isArray()) {
            List<String> texts = new ArrayList<>();
            for (JsonNode part : content) {
                if (part.path("text").isString()) {
                    texts.add(part.path("text").stringValue());
                }
            }
            return String.join(" ", texts);
        }
        return "";
    }

    private static boolean flag(JsonNode node, String param) {
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw MockLlmException.invalidRequest("'" + param + "' must be a boolean", param);
        }
        return node.booleanValue();
    }

    private static Integer maxTokens(JsonNode body) {
        // max_completion_tokens is OpenAI's newer name for the same limit.
        String param = body.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens";
        JsonNode node = body.path(param);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw MockLlmException.invalidRequest("'" + param + "' must be an integer of at least 1", param);
        }
        return node.intValue();
    }
}
