package dev.muninn.core.transport.internal;

import java.time.Instant;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Translates OpenAI chat requests to Anthropic Messages requests, and Anthropic responses back. */
public final class AnthropicMessages {

    /** Anthropic requires max_tokens; 4096 is within every Claude model's output limit. */
    public static final int DEFAULT_MAX_TOKENS = 4096;

    // Fields Anthropic accepts as they are; anything else OpenAI-specific (n, seed, penalties...) is dropped
    // because Anthropic rejects unknown fields.
    private static final Set<String> PASSTHROUGH = Set.of("temperature", "top_p", "top_k", "metadata", "thinking",
            "service_tier");

    private AnthropicMessages() {
    }

    public static ObjectNode toAnthropicRequest(ObjectNode openAi, boolean stream) {
        ObjectNode out = Json.object();
        out.put("model", openAi.path("model").asString(""));
        JsonNode maxTokens = openAi.has("max_tokens") ? openAi.get("max_tokens") : openAi.get("max_completion_tokens");
        out.put("max_tokens", maxTokens != null && maxTokens.isNumber() ? maxTokens.asInt() : DEFAULT_MAX_TOKENS);

        StringBuilder system = new StringBuilder();
        ArrayNode messages = out.putArray("messages");
        for (JsonNode message : openAi.path("messages")) {
            String role = message.path("role").asString("");
            switch (role) {
                case "system", "developer" -> {
                    if (!system.isEmpty()) {
                        system.append("\n\n");
                    }
                    system.append(textOf(message.path("content")));
                }
                case "assistant" -> append(messages, "assistant", assistantBlocks(message));
                case "tool" -> append(messages, "user", toolResultBlocks(message));
                default -> append(messages, "user", userBlocks(message.path("content")));
            }
        }
        if (!system.isEmpty()) {
            out.put("system", system.toString());
        }
        for (String key : PASSTHROUGH) {
            if (openAi.has(key) && !openAi.get(key).isNull()) {
                out.set(key, openAi.get(key));
            }
        }
        JsonNode stop = openAi.get("stop");
        if (stop != null && !stop.isNull()) {
            ArrayNode sequences = out.putArray("stop_sequences");
            if (stop.isArray()) {
                stop.forEach(sequences::add);
            } else {
                sequences.add(stop.asString());
            }
        }
        if (openAi.path("user").isString() && !out.has("metadata")) {
            out.putObject("metadata").put("user_id", openAi.get("user").asString());
        }
        JsonNode tools = openAi.get("tools");
        if (tools != null && tools.isArray() && !tools.isEmpty()) {
            ArrayNode anthropicTools = out.putArray("tools");
            for (JsonNode tool : tools) {
                JsonNode function = tool.has("function") ? tool.get("function") : tool;
                ObjectNode converted = anthropicTools.addObject();
                converted.put("name", function.path("name").asString(""));
                if (function.path("description").isString()) {
                    converted.put("description", function.get("description").asString());
                }
                JsonNode parameters = function.get("parameters");
                if (parameters != null && parameters.isObject()) {
                    converted.set("input_schema", parameters);
                } else {
                    converted.putObject("input_schema").put("type", "object");
                }
            }
            ObjectNode toolChoice = toolChoice(openAi.get("tool_choice"));
            if (openAi.path("parallel_tool_calls").isBoolean() && !openAi.get("parallel_tool_calls").asBoolean()) {
                if (toolChoice == null) {
                    toolChoice = Json.object().put("type", "auto");
                }
                toolChoice.put("disable_parallel_tool_use", true);
            }
            if (toolChoice != null) {
                out.set("tool_choice", toolChoice);
            }
        }
        if (stream) {
            out.put("stream", true);
        }
        return out;
    }

    public static ObjectNode toOpenAiResponse(JsonNode anthropic) {
        ObjectNode out = Json.object();
        out.put("id", anthropic.path("id").asString(""));
        out.put("object", "chat.completion");
        out.put("created", Instant.now().getEpochSecond());
        out.put("model", anthropic.path("model").asString(""));
        ObjectNode choice = out.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        StringBuilder text = new StringBuilder();
        ArrayNode toolCalls = Json.array();
        for (JsonNode block : anthropic.path("content")) {
            String type = block.path("type").asString("");
            if ("text".equals(type)) {
                text.append(block.path("text").asString(""));
            } else if ("tool_use".equals(type)) {
                ObjectNode call = toolCalls.addObject();
                call.put("id", block.path("id").asString(""));
                call.put("type", "function");
                ObjectNode function = call.putObject("function");
                function.put("name", block.path("name").asString(""));
                function.put("arguments", block.has("input") ? Json.MAPPER.writeValueAsString(block.get("input")) : "{}");
            }
        }
        if (text.isEmpty() && !toolCalls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!toolCalls.isEmpty()) {
            message.set("tool_calls", toolCalls);
        }
        choice.put("finish_reason", finishReason(anthropic.path("stop_reason").asString(null)));
        out.set("usage", usage(anthropic.path("usage").path("input_tokens").asInt(0),
                anthropic.path("usage").path("output_tokens").asInt(0)));
        return out;
    }

    public static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "max_tokens" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> "stop"; // end_turn, stop_sequence, pause_turn
        };
    }

    public static ObjectNode usage(int inputTokens, int outputTokens) {
        ObjectNode usage = Json.object();
        usage.put("prompt_tokens", inputTokens);
        usage.put("completion_tokens", outputTokens);
        usage.put("total_tokens", inputTokens + outputTokens);
        return usage;
    }

    private static ObjectNode toolChoice(JsonNode choice) {
        if (choice == null || choice.isNull()) {
            return null;
        }
        if (choice.isString()) {
            return switch (choice.asString()) {
                case "none" -> Json.object().put("type", "none");
                case "required" -> Json.object().put("type", "any");
                default -> Json.object().put("type", "auto");
            };
        }
        String name = choice.path("function").path("name").asString(null);
        return name == null ? Json.object().put("type", "auto") : Json.object().put("type", "tool").put("name", name);
    }

    // Anthropic wants strictly alternating roles; consecutive turns of one role are merged into one.
    private static void append(ArrayNode messages, String role, ArrayNode blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        if (last != null && role.equals(last.path("role").asString())) {
            ((ArrayNode) last.get("content")).addAll(blocks);
            return;
        }
        ObjectNode message = messages.addObject();
        message.put("role", role);
        message.set("content", blocks);
    }

    private static ArrayNode userBlocks(JsonNode content) {
        ArrayNode blocks = Json.array();
        if (content.isString()) {
            blocks.addObject().put("type", "text").put("text", content.asString());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                String type = part.path("type").asString("");
                if ("text".equals(type)) {
                    blocks.addObject().put("type", "text").put("text", part.path("text").asString(""));
                } else if ("image_url".equals(type)) {
                    blocks.add(imageBlock(part.path("image_url").path("url").asString("")));
                }
            }
        }
        return blocks;
    }

    private static ObjectNode imageBlock(String url) {
        ObjectNode block = Json.object().put("type", "image");
        ObjectNode source = block.putObject("source");
        // data:image/png;base64,XXXX
        if (url.startsWith("data:") && url.contains(";base64,")) {
            int semicolon = url.indexOf(';');
            source.put("type", "base64");
            source.put("media_type", url.substring(5, semicolon));
            source.put("data", url.substring(url.indexOf(',') + 1));
        } else {
            source.put("type", "url");
            source.put("url", url);
        }
        return block;
    }

    private static ArrayNode assistantBlocks(JsonNode message) {
        ArrayNode blocks = Json.array();
        String text = textOf(message.path("content"));
        if (!text.isEmpty()) {
            blocks.addObject().put("type", "text").put("text", text);
        }
        for (JsonNode call : message.path("tool_calls")) {
            ObjectNode block = blocks.addObject();
            block.put("type", "tool_use");
            block.put("id", call.path("id").asString(""));
            block.put("name", call.path("function").path("name").asString(""));
            block.set("input", parseArguments(call.path("function").path("arguments")));
        }
        return blocks;
    }

    private static ArrayNode toolResultBlocks(JsonNode message) {
        ArrayNode blocks = Json.array();
        ObjectNode block = blocks.addObject();
        block.put("type", "tool_result");
        block.put("tool_use_id", message.path("tool_call_id").asString(""));
        block.put("content", textOf(message.path("content")));
        return blocks;
    }

    private static JsonNode parseArguments(JsonNode arguments) {
        if (arguments.isObject()) {
            return arguments;
        }
        String text = arguments.asString("");
        if (text.isBlank()) {
            return Json.object();
        }
        try {
            JsonNode parsed = Json.MAPPER.readTree(text);
            return parsed.isObject() ? parsed : Json.object();
        } catch (JacksonException e) {
            return Json.object();
        }
    }

    /** A message content's text: the string itself, or its text parts joined. */
    public static String textOf(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isString()) {
            return content.asString();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (part.isString()) {
                text.append(part.asString());
            } else if ("text".equals(part.path("type").asString(""))) {
                text.append(part.path("text").asString(""));
            }
        }
        return text.toString();
    }
}
