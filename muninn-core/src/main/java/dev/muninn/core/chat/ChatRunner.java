package dev.muninn.core.chat;

import dev.muninn.core.budget.BudgetInput;
import dev.muninn.core.budget.BudgetResult;
import dev.muninn.core.budget.TokenBudget;
import dev.muninn.core.options.MergedOptions;
import dev.muninn.core.options.OptionSource;
import dev.muninn.core.provider.ApiFormat;
import dev.muninn.core.provider.ProviderException;
import dev.muninn.core.transport.CancelSignal;
import dev.muninn.core.transport.ProviderTransport;
import dev.muninn.core.transport.StreamOutcome;
import dev.muninn.core.transport.internal.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one chat (or embeddings) request against a resolved target: checks what can be known
 * before sending (enabled flags, capabilities, token budget), sends, and turns every outcome,
 * failures included, into a result with a stable code. Never throws for provider failures.
 */
public final class ChatRunner {

    // The runner owns these; an option layer must not replace the target model or the messages.
    private static final Set<String> NOT_FROM_OPTIONS = Set.of("model", "messages", "stream", "input");
    // Stored chat options (an embeddings interaction's temperature) would be rejected by embeddings APIs.
    private static final Set<String> STORED_EMBEDDING_OPTIONS = Set.of("dimensions", "user");

    private final ProviderTransport transport;

    public ChatRunner(ProviderTransport transport) {
        this.transport = transport;
    }

    /** A non-streaming chat. {@code target} null means resolution found nothing: NO_CONFIGURATION. */
    public ChatResult run(ChatTarget target, MergedOptions options, ChatRequest request) {
        Prepared prepared = prepare(target, options, request, false);
        if (prepared.failure != null) {
            return prepared.failure;
        }
        long started = System.nanoTime();
        try {
            ObjectNode response = transport.chat(target.connection(), prepared.body);
            JsonNode choice = response.path("choices").path(0);
            ObjectNode message = choice.path("message").isObject()
                    ? (ObjectNode) choice.get("message") : Json.object().put("role", "assistant").put("content", "");
            return ChatResult.success(message, Json.text(choice.get("finish_reason")), Usage.from(response.get("usage")),
                    target.connection().providerName(), answeringModel(response, target), elapsedMs(started),
                    response);
        } catch (ProviderException e) {
            return providerFailure(e, target, started);
        }
    }

    /**
     * A streaming chat: blocks while {@code listener} receives each chunk in order, then returns
     * the final result (also given to {@link ChatStreamListener#onComplete}), whose assistant
     * message is assembled from the chunks. {@code cancel} may fire from any thread.
     */
    public ChatResult stream(ChatTarget target, MergedOptions options, ChatRequest request, CancelSignal cancel,
                             ChatStreamListener listener) {
        ChatResult result = streamInternal(target, options, request, cancel == null ? new CancelSignal() : cancel,
                listener);
        listener.onComplete(result);
        return result;
    }

    private ChatResult streamInternal(ChatTarget target, MergedOptions options, ChatRequest request,
                                      CancelSignal cancel, ChatStreamListener listener) {
        Prepared prepared = prepare(target, options, request, true);
        if (prepared.failure != null) {
            return prepared.failure;
        }
        long started = System.nanoTime();
        StreamAssembler assembler = new StreamAssembler();
        RuntimeException[] listenerFailure = new RuntimeException[1];
        try {
            StreamOutcome outcome = transport.streamChat(target.connection(), prepared.body, cancel, chunk -> {
                assembler.add(chunk);
                try {
                    listener.onChunk(chunk);
                } catch (RuntimeException e) {
                    listenerFailure[0] = e;
                    throw new ConsumerGone(e);
                }
            });
            if (outcome == StreamOutcome.CANCELLED) {
                return cancelled(target, started, "the consumer cancelled the stream");
            }
            return ChatResult.success(assembler.message(), assembler.finishReason, assembler.usage,
                    target.connection().providerName(),
                    assembler.model != null ? assembler.model : target.model(), elapsedMs(started), null);
        } catch (ConsumerGone e) {
            return cancelled(target, started, "the consumer failed: " + listenerFailure[0].getClass().getSimpleName());
        } catch (ProviderException e) {
            return providerFailure(e, target, started);
        }
    }

    /** Embeds {@code request.input()} with the target model. */
    public EmbeddingResult embed(ChatTarget target, MergedOptions options, EmbeddingRequest request) {
        if (target == null) {
            return EmbeddingResult.failure(ResultCode.NO_CONFIGURATION, "no model is configured for this interaction",
                    Map.of(), null, null, 0);
        }
        String provider = target.connection().providerName();
        ChatResult gate = checkEnabled(target, request.allowDisabled());
        if (gate != null) {
            return EmbeddingResult.failure(gate.code(), gate.message(), gate.details(), provider, target.model(), 0);
        }
        JsonNode input = request.input();
        if (input == null || !(input.isString() || input.isArray() && !input.isEmpty())) {
            return EmbeddingResult.failure(ResultCode.INVALID_REQUEST, "input must be a string or a non-empty array",
                    Map.of(), provider, target.model(), 0);
        }
        if (target.connection().apiFormat() == ApiFormat.ANTHROPIC || !target.profile().supportsEmbeddings()) {
            return EmbeddingResult.failure(ResultCode.CAPABILITY_UNSUPPORTED,
                    "model " + target.model() + " does not support embeddings", Map.of("capability", "embeddings"),
                    provider, target.model(), 0);
        }
        int limit = target.profile().contextWindowTokens();
        if (limit > 0) {
            List<JsonNode> texts = input.isArray() ? input.valueStream().toList() : List.of(input);
            for (int i = 0; i < texts.size(); i++) {
                int tokens = TokenBudget.countTokens(target.model(), texts.get(i).asString(""));
                if (tokens > limit) {
                    Map<String, Object> details = new LinkedHashMap<>();
                    details.put("index", i);
                    details.put("estimate", tokens);
                    details.put("limit", limit);
                    details.put("tokenizer", TokenBudget.tokenizerFor(target.model()));
                    return EmbeddingResult.failure(ResultCode.PROMPT_TOO_LONG, "input " + i + " has about " + tokens
                            + " tokens, more than the model's " + limit, details, provider, target.model(), 0);
                }
            }
        }
        ObjectNode body = Json.object();
        body.put("model", target.model());
        MergedOptions merged = options == null ? MergedOptions.EMPTY : options;
        merged.values().forEach((key, value) -> {
            boolean fromRequest = merged.sourceOf(key) == OptionSource.REQUEST;
            if (!NOT_FROM_OPTIONS.contains(key) && !"encoding_format".equals(key)
                    && (fromRequest || STORED_EMBEDDING_OPTIONS.contains(key))) {
                body.set(key, Json.MAPPER.valueToTree(value));
            }
        });
        body.set("input", input);
        long started = System.nanoTime();
        try {
            ObjectNode response = transport.embeddings(target.connection(), body);
            List<List<Double>> vectors = new ArrayList<>();
            // Sorted by index: the API does not promise that data comes in input order.
            Map<Integer, List<Double>> byIndex = new TreeMap<>();
            int position = 0;
            for (JsonNode item : response.path("data")) {
                List<Double> vector = new ArrayList<>();
                item.path("embedding").forEach(v -> vector.add(v.asDouble()));
                byIndex.put(item.path("index").asInt(position), vector);
                position++;
            }
            vectors.addAll(byIndex.values());
            return new EmbeddingResult(true, null, null, Map.of(), vectors, Usage.from(response.get("usage")),
                    provider, answeringModel(response, target), elapsedMs(started));
        } catch (ProviderException e) {
            ChatResult failure = providerFailure(e, target, started);
            return EmbeddingResult.failure(failure.code(), failure.message(), failure.details(), provider,
                    target.model(), failure.latencyMs());
        }
    }

    /**
     * The smallest real request: a one-token chat, or a one-word embedding for embeddings
     * models. Disabled flags are ignored, since admins test before enabling.
     */
    public ConnectionTestResult testConnection(ChatTarget target) {
        if (target == null) {
            return new ConnectionTestResult(false, 0, ResultCode.NO_CONFIGURATION, "no target", Map.of());
        }
        ChatTarget enabled = new ChatTarget(target.connection(), true, target.model(),
                target.profile().withEnabled(true).withContextWindow(0, 0));
        if (target.profile().supportsEmbeddings() && target.connection().apiFormat() == ApiFormat.OPENAI) {
            EmbeddingResult result = embed(enabled, MergedOptions.EMPTY, EmbeddingRequest.of("ping"));
            return new ConnectionTestResult(result.success(), result.latencyMs(), result.code(), result.message(),
                    result.details());
        }
        // OpenAI's reasoning models refuse max_tokens and want max_completion_tokens.
        String tokenKey = isOpenAiReasoningModel(target) ? "max_completion_tokens" : "max_tokens";
        MergedOptions options = new MergedOptions(Map.of(tokenKey, 1), Map.of(tokenKey, OptionSource.REQUEST),
                List.of());
        ChatResult result = run(enabled, options, ChatRequest.ofUserText("ping"));
        return new ConnectionTestResult(result.success(), result.latencyMs(), result.code(), result.message(),
                result.details());
    }

    private record Prepared(ObjectNode body, ChatResult failure) {
    }

    private Prepared prepare(ChatTarget target, MergedOptions options, ChatRequest request, boolean stream) {
        if (target == null) {
            return new Prepared(null, ChatResult.failure(ResultCode.NO_CONFIGURATION,
                    "no model is configured for this interaction", Map.of()));
        }
        ChatResult gate = checkEnabled(target, request.allowDisabled());
        if (gate != null) {
            return new Prepared(null, gate);
        }
        JsonNode messages = request.effectiveMessages();
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            return fail(target, ResultCode.INVALID_REQUEST, "messages or user_text is required", Map.of());
        }
        for (JsonNode message : messages) {
            if (!message.isObject() || !message.path("role").isString()) {
                return fail(target, ResultCode.INVALID_REQUEST, "every message needs a role", Map.of());
            }
        }
        ObjectNode body = Json.object();
        body.put("model", target.model());
        MergedOptions merged = options == null ? MergedOptions.EMPTY : options;
        merged.values().forEach((key, value) -> {
            if (!NOT_FROM_OPTIONS.contains(key) && (stream || !"stream_options".equals(key))) {
                body.set(key, Json.MAPPER.valueToTree(value));
            }
        });
        body.set("messages", messages);
        if (request.tools() != null) {
            body.set("tools", request.tools());
        }
        if (request.toolChoice() != null) {
            body.set("tool_choice", request.toolChoice());
        }
        if (request.responseFormat() != null) {
            body.set("response_format", request.responseFormat());
        }

        Integer reserve = maxTokens(body);
        if (reserve == null) {
            return fail(target, ResultCode.INVALID_REQUEST, "max_tokens must be a non-negative integer", Map.of());
        }
        ModelProfile profile = target.profile();
        JsonNode tools = body.get("tools");
        boolean hasTools = tools != null && tools.isArray() && !tools.isEmpty();
        if (hasTools && !profile.supportsToolCalling()) {
            return unsupported(target, "tool_calling", "tool calling");
        }
        String formatType = body.path("response_format").path("type").asString("");
        if ("json_object".equals(formatType) && !profile.supportsJsonObject()) {
            return unsupported(target, "response_format_json_object", "JSON object responses");
        }
        if ("json_schema".equals(formatType) && !profile.supportsJsonSchema()) {
            return unsupported(target, "response_format_json_schema", "JSON schema responses");
        }
        if (stream && !profile.supportsStreaming()) {
            return unsupported(target, "streaming", "streaming");
        }
        BudgetResult budget = TokenBudget.check(new BudgetInput(target.model(), profile.contextWindowTokens(),
                profile.messageOverheadTokens(), messages, hasTools ? tools : null, reserve));
        if (!budget.withinBudget()) {
            return fail(target, ResultCode.PROMPT_TOO_LONG, "prompt needs about " + budget.estimate()
                    + " tokens plus " + budget.reserve() + " reserved for the answer, more than the " + budget.limit()
                    + "-token context window of " + target.model(), budget.details());
        }
        return new Prepared(body, null);
    }

    private static ChatResult checkEnabled(ChatTarget target, boolean allowDisabled) {
        String provider = target.connection().providerName();
        if (!target.providerEnabled()) {
            return ChatResult.failure(ResultCode.PROVIDER_DISABLED, "provider " + provider + " is disabled",
                    Map.of("provider", provider), provider, target.model(), 0);
        }
        if (!target.profile().enabled() && !allowDisabled) {
            return ChatResult.failure(ResultCode.MODEL_DISABLED, "model " + target.model() + " is disabled",
                    Map.of("model", target.model()), provider, target.model(), 0);
        }
        return null;
    }

    private static Prepared unsupported(ChatTarget target, String capability, String what) {
        return fail(target, ResultCode.CAPABILITY_UNSUPPORTED, "model " + target.model() + " does not support " + what,
                Map.of("capability", capability, "model", target.model()));
    }

    private static Prepared fail(ChatTarget target, ResultCode code, String message, Map<String, Object> details) {
        return new Prepared(null, ChatResult.failure(code, message, details, target.connection().providerName(),
                target.model(), 0));
    }

    /** The answer reserve: max_tokens (or max_completion_tokens), 0 when absent, null when malformed. */
    private static Integer maxTokens(ObjectNode body) {
        JsonNode value = body.has("max_tokens") ? body.get("max_tokens") : body.get("max_completion_tokens");
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > Integer.MAX_VALUE) {
            return null;
        }
        return value.asInt();
    }

    private static ChatResult providerFailure(ProviderException e, ChatTarget target, long started) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("kind", e.kind().name());
        if (e.status() != null) {
            details.put("status", e.status());
        }
        ResultCode code = e.kind() == ProviderException.Kind.TIMEOUT ? ResultCode.TIMEOUT : ResultCode.PROVIDER_ERROR;
        return ChatResult.failure(code, e.getMessage(), details, target.connection().providerName(), target.model(),
                elapsedMs(started));
    }

    private static ChatResult cancelled(ChatTarget target, long started, String message) {
        return ChatResult.failure(ResultCode.CANCELLED, message, Map.of(), target.connection().providerName(),
                target.model(), elapsedMs(started));
    }

    private static String answeringModel(JsonNode response, ChatTarget target) {
        String model = Json.text(response.get("model"));
        return model == null || model.isEmpty() ? target.model() : model;
    }

    private static boolean isOpenAiReasoningModel(ChatTarget target) {
        String id = target.model().toLowerCase(Locale.ROOT);
        return target.connection().apiFormat() == ApiFormat.OPENAI
                && (id.matches("^o\\d.*") || id.startsWith("gpt-5"));
    }

    private static long elapsedMs(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Marks a listener failure so it is not mistaken for a provider failure. */
    private static final class ConsumerGone extends RuntimeException {
        ConsumerGone(Throwable cause) {
            super(null, cause, false, false);
        }
    }

    /** Rebuilds the assistant message from stream deltas: text concatenated, tool calls merged by index. */
    private static final class StreamAssembler {
        private final StringBuilder content = new StringBuilder();
        private final Map<Integer, ObjectNode> toolCalls = new TreeMap<>();
        private String finishReason;
        private Usage usage = Usage.UNKNOWN;
        private String model;

        void add(ObjectNode chunk) {
            if (model == null && chunk.path("model").isString() && !chunk.get("model").asString().isEmpty()) {
                model = chunk.get("model").asString();
            }
            if (chunk.path("usage").isObject()) {
                usage = Usage.from(chunk.get("usage"));
            }
            for (JsonNode choice : chunk.path("choices")) {
                JsonNode delta = choice.path("delta");
                if (delta.path("content").isString()) {
                    content.append(delta.get("content").asString());
                }
                for (JsonNode call : delta.path("tool_calls")) {
                    ObjectNode merged = toolCalls.computeIfAbsent(call.path("index").asInt(0), index -> {
                        ObjectNode fresh = Json.object();
                        fresh.put("id", "");
                        fresh.put("type", "function");
                        fresh.putObject("function").put("name", "").put("arguments", "");
                        return fresh;
                    });
                    if (call.path("id").isString()) {
                        merged.put("id", call.get("id").asString());
                    }
                    ObjectNode function = (ObjectNode) merged.get("function");
                    JsonNode part = call.path("function");
                    if (part.path("name").isString()) {
                        function.put("name", function.get("name").asString() + part.get("name").asString());
                    }
                    if (part.path("arguments").isString()) {
                        function.put("arguments",
                                function.get("arguments").asString() + part.get("arguments").asString());
                    }
                }
                if (choice.path("finish_reason").isString()) {
                    finishReason = choice.get("finish_reason").asString();
                }
            }
        }

        ObjectNode message() {
            ObjectNode message = Json.object();
            message.put("role", "assistant");
            if (content.isEmpty() && !toolCalls.isEmpty()) {
                message.putNull("content");
            } else {
                message.put("content", content.toString());
            }
            if (!toolCalls.isEmpty()) {
                ArrayNode calls = message.putArray("tool_calls");
                toolCalls.values().forEach(calls::add);
            }
            return message;
        }
    }
}
