package dev.muninn.server.runtime;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.springframework.stereotype.Service;

import dev.muninn.core.chat.ChatResult;
import dev.muninn.core.chat.ChatStreamListener;
import dev.muninn.core.transport.CancelSignal;
import dev.muninn.server.json.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The Java entry point for code running with Muninn, after the Hliðskjálf document's
 * {@code LLMConfigService}: a chat client per interaction type (and user), the embeddings
 * client, and a chat client with tools bound. Clients hold no configuration: every call
 * resolves the live configuration, so a change in the database applies to the next call.
 */
@Service
public class LlmConfigService {

    public static final String REASONING = "reasoning";
    public static final String TOOLS = "tools";
    public static final String SUBAGENTS = "subagents";
    public static final String PLANNING = "planning";
    public static final String EMBEDDINGS = "embeddings";

    private final RunChatService runs;

    LlmConfigService(RunChatService runs) {
        this.runs = runs;
    }

    /** The chat client for an interaction type, with the global configuration. */
    public LlmChat llmForInteraction(String interactionType) {
        return new LlmChat(runs, interactionType, null, null, null);
    }

    /** The chat client for an interaction type as {@code userId} sees it (their overrides apply). */
    public LlmChat llmForInteraction(String interactionType, String userId) {
        return new LlmChat(runs, interactionType, userId, null, null);
    }

    /** A chat client with tools bound (OpenAI tool definitions), refused up front by models without tool calling. */
    public LlmChat llmWithTools(String interactionType, List<Map<String, Object>> tools) {
        return new LlmChat(runs, interactionType, null, Json.mapper().valueToTree(tools), null);
    }

    /** The client for the {@code embeddings} interaction type. */
    public LlmEmbeddings embeddingsModel() {
        return new LlmEmbeddings(runs, EMBEDDINGS, null);
    }

    /** The client for an embeddings interaction type as {@code userId} sees it. */
    public LlmEmbeddings embeddingsModel(String interactionType, String userId) {
        return new LlmEmbeddings(runs, interactionType, userId);
    }

    /** Chats through one interaction type; immutable, safe to share and keep. */
    public static final class LlmChat {

        private final RunChatService runs;
        private final String interactionType;
        private final String userId;
        private final JsonNode tools;
        private final Map<String, Object> options;

        LlmChat(RunChatService runs, String interactionType, String userId, JsonNode tools, Map<String, Object> options) {
            this.runs = runs;
            this.interactionType = interactionType;
            this.userId = userId;
            this.tools = tools;
            this.options = options;
        }

        /** The same client with request options (they win over provider, preset and interaction config). */
        public LlmChat withOptions(Map<String, Object> requestOptions) {
            return new LlmChat(runs, interactionType, userId, tools, Map.copyOf(requestOptions));
        }

        /** One user message in, the result out (check {@link RunResult#success()}). */
        public RunResult chat(String userText) {
            return runs.run(command(null, userText, false));
        }

        /** OpenAI-shaped messages ({@code role}, {@code content}, ...) in, the result out. */
        public RunResult chat(List<Map<String, Object>> messages) {
            return runs.run(command(Json.mapper().valueToTree(messages), null, false));
        }

        /** Streams: each piece of text to {@code onText} as it arrives, then the full result. */
        public RunResult stream(String userText, Consumer<String> onText) {
            return runs.run(command(null, userText, true), new CancelSignal(), new ChatStreamListener() {
                @Override
                public void onChunk(ObjectNode chunk) {
                    String text = chunk.path("choices").path(0).path("delta").path("content").asString("");
                    if (!text.isEmpty()) {
                        onText.accept(text);
                    }
                }

                @Override
                public void onComplete(ChatResult result) {
                }
            });
        }

        private RunChatCommand command(JsonNode messages, String userText, boolean stream) {
            return new RunChatCommand(interactionType, userId, null, null, ChatTargets.PresetChoice.NONE, messages, userText,
                    options, null, false, stream, tools, null, null);
        }
    }

    /** Embeds text through an embeddings interaction type; immutable, safe to share and keep. */
    public static final class LlmEmbeddings {

        private final RunChatService runs;
        private final String interactionType;
        private final String userId;

        LlmEmbeddings(RunChatService runs, String interactionType, String userId) {
            this.runs = runs;
            this.interactionType = interactionType;
            this.userId = userId;
        }

        public RunChatService.EmbeddingRunResult embed(List<String> texts) {
            return runs.embed(new RunChatService.EmbeddingCommand(interactionType, userId, null, null,
                    Json.mapper().valueToTree(texts), null, false));
        }
    }
}
