package dev.muninn.core.transport.internal;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns Anthropic's stream events into OpenAI {@code chat.completion.chunk}s, one event at a
 * time. Stateful (message id, tool-call indexes, input tokens), so one instance per stream.
 */
public final class AnthropicStreamTranslator {

    private String id = "";
    private String model = "";
    private final long created = Instant.now().getEpochSecond();
    private int inputTokens;
    // Anthropic numbers every content block; OpenAI numbers only tool calls.
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private boolean finished;

    public List<ObjectNode> translate(JsonNode event) {
        String type = event.path("type").asString("");
        switch (type) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                id = message.path("id").asString("");
                model = message.path("model").asString("");
                inputTokens = message.path("usage").path("input_tokens").asInt(0);
                ObjectNode chunk = chunk();
                delta(chunk).put("role", "assistant").put("content", "");
                return List.of(chunk);
            }
            case "content_block_start" -> {
                JsonNode block = event.path("content_block");
                if ("tool_use".equals(block.path("type").asString(""))) {
                    int toolIndex = toolIndexByBlock.size();
                    toolIndexByBlock.put(event.path("index").asInt(), toolIndex);
                    ObjectNode chunk = chunk();
                    ObjectNode call = delta(chunk).putArray("tool_calls").addObject();
                    call.put("index", toolIndex);
                    call.put("id", block.path("id").asString(""));
                    call.put("type", "function");
                    call.putObject("function").put("name", block.path("name").asString("")).put("arguments", "");
                    return List.of(chunk);
                }
                String text = block.path("text").asString("");
                if ("text".equals(block.path("type").asString("")) && !text.isEmpty()) {
                    ObjectNode chunk = chunk();
                    delta(chunk).put("content", text);
                    return List.of(chunk);
                }
                return List.of();
            }
            case "content_block_delta" -> {
                JsonNode delta = event.path("delta");
                String deltaType = delta.path("type").asString("");
                if ("text_delta".equals(deltaType)) {
                    ObjectNode chunk = chunk();
                    delta(chunk).put("content", delta.path("text").asString(""));
                    return List.of(chunk);
                }
                if ("input_json_delta".equals(deltaType)) {
                    Integer toolIndex = toolIndexByBlock.get(event.path("index").asInt());
                    if (toolIndex == null) {
                        return List.of();
                    }
                    ObjectNode chunk = chunk();
                    ObjectNode call = delta(chunk).putArray("tool_calls").addObject();
                    call.put("index", toolIndex);
                    call.putObject("function").put("arguments", delta.path("partial_json").asString(""));
                    return List.of(chunk);
                }
                return List.of(); // thinking and signature deltas have no OpenAI counterpart
            }
            case "message_delta" -> {
                ObjectNode chunk = chunk();
                delta(chunk);
                ((ObjectNode) chunk.get("choices").get(0)).put("finish_reason",
                        AnthropicMessages.finishReason(event.path("delta").path("stop_reason").asString(null)));
                JsonNode usage = event.path("usage");
                int input = usage.path("input_tokens").asInt(inputTokens);
                chunk.set("usage", AnthropicMessages.usage(input, usage.path("output_tokens").asInt(0)));
                return List.of(chunk);
            }
            case "message_stop" -> {
                finished = true;
                return List.of();
            }
            default -> {
                return List.of(); // ping, content_block_stop, and event types added later
            }
        }
    }

    /** True once {@code message_stop} arrived. */
    public boolean isFinished() {
        return finished;
    }

    private ObjectNode chunk() {
        ObjectNode chunk = Json.object();
        chunk.put("id", id);
        chunk.put("object", "chat.completion.chunk");
        chunk.put("created", created);
        chunk.put("model", model);
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putNull("finish_reason");
        return chunk;
    }

    private static ObjectNode delta(ObjectNode chunk) {
        return ((ObjectNode) chunk.get("choices").get(0)).putObject("delta");
    }
}
