package dev.muninn.server.runtime;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.muninn.core.chat.ChatRequest;
import dev.muninn.core.chat.ChatResult;
import dev.muninn.core.chat.ChatRunner;
import dev.muninn.core.chat.ChatStreamListener;
import dev.muninn.core.chat.ConnectionTestResult;
import dev.muninn.core.chat.EmbeddingRequest;
import dev.muninn.core.chat.EmbeddingResult;
import dev.muninn.core.chat.ResultCode;
import dev.muninn.core.transport.CancelSignal;
import dev.muninn.server.catalog.Model;
import dev.muninn.server.catalog.ModelService;
import dev.muninn.server.json.Json;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.provider.ProviderService;
import dev.muninn.server.routing.InteractionType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The run-chat entry point (VibeTavern's {@code LLM::RunChat}): resolves the target from the live
 * configuration, merges options, checks capabilities and the token budget, and calls the provider.
 * Every outcome is a {@link RunResult}, never an exception.
 */
@Service
public class RunChatService {

    private static final Logger log = LoggerFactory.getLogger(RunChatService.class);

    private final ChatTargets targets;
    private final ChatRunner runner;
    private final ModelService models;
    private final ProviderService providers;
    private final ProviderCooldowns cooldowns;
    private final RunMetrics metrics;

    RunChatService(ChatTargets targets, ChatRunner runner, ModelService models, ProviderService providers,
            ProviderCooldowns cooldowns, RunMetrics metrics) {
        this.targets = targets;
        this.runner = runner;
        this.models = models;
        this.providers = providers;
        this.cooldowns = cooldowns;
        this.metrics = metrics;
    }

    public RunResult run(RunChatCommand command) {
        return run(command, null, null);
    }

    /** Streams deltas to {@code listener} as they arrive, then returns the same result a plain run would. */
    public RunResult run(RunChatCommand command, CancelSignal cancel, ChatStreamListener listener) {
        Prepared prepared = prepare(command);
        return prepared.failure() != null ? prepared.failure() : run(prepared, cancel, listener);
    }

    /** A command with its target resolved, or the failure that stops it before any call. */
    public record Prepared(RunChatCommand command, ResolvedTarget target, RunResult failure) {
    }

    /** Resolves the target without calling anyone, so a caller can answer a failure before it starts streaming. */
    public Prepared prepare(RunChatCommand command) {
        try {
            return new Prepared(command, resolve(command), null);
        } catch (ChatTargets.TargetException e) {
            return new Prepared(command, null, RunResult.failure(e.code(), e.getMessage(), e.details(), command.context()));
        }
    }

    /**
     * Calls the target, then its fallbacks in order while the failure is retryable and nothing
     * has reached the caller yet; providers in cooldown are skipped unless they are the last option.
     */
    public RunResult run(Prepared prepared, CancelSignal cancel, ChatStreamListener listener) {
        RunChatCommand command = prepared.command();
        ChatRequest request = request(command);
        List<ResolvedTarget> attempts = new java.util.ArrayList<>();
        attempts.add(prepared.target());
        attempts.addAll(prepared.target().fallbacks());
        java.util.concurrent.atomic.AtomicBoolean delivered = new java.util.concurrent.atomic.AtomicBoolean();
        ChatStreamListener tracking = listener == null ? null : new ChatStreamListener() {
            @Override
            public void onChunk(ObjectNode chunk) {
                delivered.set(true);
                listener.onChunk(chunk);
            }

            @Override
            public void onComplete(ChatResult result) {
                listener.onComplete(result);
            }
        };
        RunResult last = null;
        for (int i = 0; i < attempts.size(); i++) {
            ResolvedTarget target = attempts.get(i);
            boolean lastOption = i == attempts.size() - 1;
            if (!lastOption && cooldowns.coolingDown(target.provider().id())) {
                log.info("Skipping provider '{}' for '{}': cooling down after repeated failures", target.provider().name(),
                        target.interactionType());
                continue;
            }
            ChatResult result = tracking == null ? runner.run(target.target(), target.options(), request)
                    : runner.stream(target.target(), target.options(), request, cancel == null ? new CancelSignal() : cancel,
                            tracking);
            last = RunResult.of(result, target, command.context(), i);
            metrics.attempt(target, result, i);
            if (result.success()) {
                cooldowns.succeeded(target.provider().id());
                return last;
            }
            boolean retryable = ProviderCooldowns.retryable(last.code(), result.details());
            if (retryable) {
                cooldowns.failed(target.provider().id());
            }
            if (!retryable || delivered.get() || lastOption) {
                return last;
            }
            log.warn("Attempt {} for '{}' on {}/{} failed ({}: {}); trying the next fallback", i + 1,
                    target.interactionType(), target.provider().name(), target.model().model(), last.code(), last.message());
        }
        return last;
    }

    /** Embeddings through an embeddings interaction type (default {@code embeddings}) or a named model. */
    public EmbeddingRunResult embed(EmbeddingCommand command) {
        ResolvedTarget target;
        try {
            target = command.modelKey() != null || command.modelId() != null
                    ? targets.forModel(command.modelKey(), command.modelId(), ChatTargets.PresetChoice.NONE, command.options())
                    : targets.forInteraction(command.interactionType(), command.userId(), ChatTargets.PresetChoice.NONE,
                            command.options());
            if (target.resolution() != null && target.resolution().kind() != InteractionType.Kind.EMBEDDINGS) {
                return EmbeddingRunResult.failure("INVALID_REQUEST", "'" + command.interactionType()
                        + "' is a chat interaction type; use an embeddings type", Map.of("field", "interaction_type", "rule", "embeddings_kind"));
            }
        } catch (ChatTargets.TargetException e) {
            return EmbeddingRunResult.failure(e.code(), e.getMessage(), e.details());
        }
        EmbeddingRequest request = new EmbeddingRequest(command.input(), command.allowDisabled());
        // temperature has no meaning for embeddings; the rest (dimensions, encoding_format...) passes through
        var options = target.options();
        if (options.values().containsKey("temperature")) {
            Map<String, Object> values = new LinkedHashMap<>(options.values());
            Map<String, dev.muninn.core.options.OptionSource> sources = new LinkedHashMap<>(options.sources());
            values.remove("temperature");
            sources.remove("temperature");
            options = new dev.muninn.core.options.MergedOptions(values, sources, options.ignoredKeys());
        }
        EmbeddingResult result = runner.embed(target.target(), options, request);
        return EmbeddingRunResult.of(result, target);
    }

    /** Sends the smallest real request the model accepts and records the outcome on the model. */
    public ConnectionTestView testConnection(UUID modelId) {
        Model model = models.get(modelId);
        Provider provider = providers.get(model.providerId());
        ConnectionTestResult result;
        try {
            result = runner.testConnection(targets.target(provider, model));
        } catch (ChatTargets.TargetException e) {
            result = new ConnectionTestResult(false, 0, ResultCode.PROVIDER_ERROR, e.getMessage(), e.details());
        }
        models.recordConnectionTest(modelId, result.success());
        Model after = models.get(modelId);
        return new ConnectionTestView(modelId, result.success(), result.latencyMs(),
                result.code() == null ? null : result.code().name(), result.message(), after.connectionTestedAt());
    }

    private ResolvedTarget resolve(RunChatCommand command) {
        if (command.interactionType() != null) {
            return targets.forInteraction(command.interactionType(), command.userId(), command.preset(), command.options());
        }
        return targets.forModel(command.modelKey(), command.modelId(), command.preset(), command.options());
    }

    private static ChatRequest request(RunChatCommand command) {
        JsonNode messages = command.messages();
        Object systemPrompt = command.context() == null ? null : command.context().get("system_prompt");
        if (systemPrompt instanceof String prompt) {
            ArrayNode withSystem = Json.mapper().createArrayNode();
            withSystem.add(Json.mapper().createObjectNode().put("role", "system").put("content", prompt));
            if (messages != null) {
                withSystem.addAll((ArrayNode) messages);
            } else {
                withSystem.add(Json.mapper().createObjectNode().put("role", "user").put("content", command.userText()));
            }
            messages = withSystem;
        }
        ChatRequest request = messages != null ? ChatRequest.ofMessages(messages) : ChatRequest.ofUserText(command.userText());
        if (command.tools() != null) {
            request = request.withTools(command.tools(), command.toolChoice());
        }
        if (command.responseFormat() != null) {
            request = request.withResponseFormat(command.responseFormat());
        }
        return command.allowDisabled() ? request.allowingDisabled() : request;
    }

    /** An embeddings request. */
    public record EmbeddingCommand(String interactionType, String userId, String modelKey, UUID modelId, JsonNode input,
            Map<String, Object> options, boolean allowDisabled) {
    }

    /** The outcome of a connection test. */
    public record ConnectionTestView(UUID modelId, boolean success, long latencyMs, String code, String message,
            java.time.OffsetDateTime connectionTestedAt) {
    }

    /** The outcome of an embeddings run. */
    public record EmbeddingRunResult(boolean success, String code, String message, Map<String, Object> details,
            List<List<Double>> data, Map<String, Integer> usage, String provider, String model, long latencyMs) {

        static EmbeddingRunResult failure(String code, String message, Map<String, Object> details) {
            return new EmbeddingRunResult(false, code, message, details, null, null, null, null, 0);
        }

        static EmbeddingRunResult of(EmbeddingResult r, ResolvedTarget target) {
            return new EmbeddingRunResult(r.success(), r.code() == null ? null : r.code().name(), r.message(), r.details(),
                    r.vectors(), RunResult.usage(r.usage()), target.provider().name(), r.model() != null ? r.model()
                            : target.model().model(), r.latencyMs());
        }
    }

}
