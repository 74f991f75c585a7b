package dev.muninn.server.runtime;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.muninn.server.error.ApiException;
import dev.muninn.server.json.JsonBody;
import tools.jackson.databind.JsonNode;

/**
 * A run-chat request: the target (interaction type with optional user, a model key or a model id),
 * the conversation ({@code messages} or {@code user_text}) and what shapes the call.
 */
public record RunChatCommand(String interactionType, String userId, String modelKey, UUID modelId,
        ChatTargets.PresetChoice preset, JsonNode messages, String userText, Map<String, Object> options,
        Map<String, Object> context, boolean allowDisabled, boolean stream, JsonNode tools, JsonNode toolChoice,
        JsonNode responseFormat) {

    static final Set<String> FIELDS = Set.of("interaction_type", "user_id", "model_key", "model_id", "preset_id",
            "preset_key", "messages", "user_text", "options", "context", "allow_disabled", "stream", "tools", "tool_choice",
            "response_format");

    /** Reads and checks a request body; every problem names its field. */
    static RunChatCommand from(JsonNode json) {
        JsonBody body = JsonBody.of(json, FIELDS);
        String type = body.text("interaction_type", 64);
        String modelKey = body.text("model_key", 200);
        UUID modelId = body.uuid("model_id");
        int targets = (type != null ? 1 : 0) + (modelKey != null ? 1 : 0) + (modelId != null ? 1 : 0);
        if (targets != 1) {
            throw ApiException.invalid(targets == 0 ? "interaction_type" : "model_key", targets == 0 ? "required" : "exclusive",
                    "Name exactly one target: 'interaction_type', 'model_key' or 'model_id'");
        }
        JsonNode messages = body.node("messages");
        String userText = body.text("user_text");
        if ((messages == null) == (userText == null)) {
            throw ApiException.invalid("messages", messages == null ? "required" : "exclusive",
                    "Give either 'messages' or 'user_text'");
        }
        if (messages != null) {
            checkMessages(messages);
        }
        JsonNode tools = body.node("tools");
        if (tools != null && (!tools.isArray() || tools.isEmpty())) {
            throw ApiException.invalid("tools", "array", "'tools' must be a non-empty array of tool definitions");
        }
        JsonNode responseFormat = body.node("response_format");
        if (responseFormat != null && !responseFormat.isObject()) {
            throw ApiException.invalid("response_format", "object", "'response_format' must be an object");
        }
        return new RunChatCommand(type, body.has("user_id") ? body.text("user_id", 200) : null, modelKey, modelId,
                new ChatTargets.PresetChoice(body.uuid("preset_id"), body.text("preset_key", 200)), messages, userText,
                body.object("options"), body.object("context"), Boolean.TRUE.equals(body.bool("allow_disabled")),
                Boolean.TRUE.equals(body.bool("stream")), tools, body.node("tool_choice"), responseFormat);
    }

    private static void checkMessages(JsonNode messages) {
        if (!messages.isArray() || messages.isEmpty()) {
            throw ApiException.invalid("messages", "array", "'messages' must be a non-empty array");
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asString("");
            if (!message.isObject() || !Set.of("system", "developer", "user", "assistant", "tool").contains(role)) {
                throw ApiException.invalid("messages[" + i + "].role", "one_of",
                        "Each message needs a role: system, developer, user, assistant or tool");
            }
        }
    }
}
