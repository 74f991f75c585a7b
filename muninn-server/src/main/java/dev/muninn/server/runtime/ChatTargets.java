package dev.muninn.server.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.muninn.core.chat.ChatTarget;
import dev.muninn.core.chat.ModelProfile;
import dev.muninn.core.options.MergedOptions;
import dev.muninn.core.options.OptionMerger;
import dev.muninn.core.options.ReservedOptionKeys;
import dev.muninn.core.provider.ProviderConnection;
import dev.muninn.server.catalog.Model;
import dev.muninn.server.preset.Preset;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.provider.ProviderService;
import dev.muninn.server.routing.ConfigSnapshot;
import dev.muninn.server.routing.ConfigSnapshots;
import dev.muninn.server.routing.Resolution;

/**
 * Turns "an interaction type for a user" or "this model" into a ready {@link ResolvedTarget},
 * from the in-memory snapshot: no database round trip per call. Connections (with the opened
 * key) are cached per provider version, so a key is decrypted once per change, not per call.
 */
@Component
public class ChatTargets {

    private final ConfigSnapshots snapshots;
    private final ProviderService providers;
    private final Duration requestTimeout;
    private final Map<UUID, CachedConnection> connections = new ConcurrentHashMap<>();

    private record CachedConnection(long version, String keyRef, ProviderConnection connection) {
    }

    ChatTargets(ConfigSnapshots snapshots, ProviderService providers,
            @Value("${muninn.upstream.request-timeout:120s}") Duration requestTimeout) {
        this.snapshots = snapshots;
        this.providers = providers;
        this.requestTimeout = requestTimeout;
    }

    /** The target an interaction type resolves to for {@code userId}; a failure code when nothing is configured. */
    public ResolvedTarget forInteraction(String interactionType, String userId, PresetChoice presetChoice,
            Map<String, Object> requestOptions) {
        Resolution resolution = snapshots.resolve(userId, interactionType);
        if (!resolution.configured()) {
            throw new TargetException("NO_CONFIGURATION", "No LLM configuration available for '" + interactionType
                    + "': route it with PUT /api/v1/llm/config/" + interactionType + " or set OPENAI_API_KEY",
                    Map.of("interaction_type", interactionType, "notes", resolution.notes()));
        }
        Preset preset = presetChoice.isGiven() ? preset(resolution.model(), presetChoice) : resolution.preset();
        MergedOptions options = OptionMerger.merge(resolution.provider().llmOptionsDefaults(),
                preset == null ? null : preset.llmOptionsOverrides(), resolution.temperature(), resolution.maxTokens(),
                checkedRequestOptions(requestOptions));
        List<ResolvedTarget> fallbacks = new java.util.ArrayList<>();
        for (Resolution.Fallback fallback : resolution.fallbacks()) {
            MergedOptions fallbackOptions = OptionMerger.merge(fallback.provider().llmOptionsDefaults(),
                    fallback.preset() == null ? null : fallback.preset().llmOptionsOverrides(), resolution.temperature(),
                    resolution.maxTokens(), requestOptions);
            try {
                fallbacks.add(new ResolvedTarget(target(fallback.provider(), fallback.model()), fallbackOptions,
                        fallback.provider(), fallback.model(), fallback.preset(), interactionType, "fallback", resolution,
                        List.of()));
            } catch (TargetException e) {
                // a fallback whose key cannot be opened is no fallback; the primary still answers
            }
        }
        return new ResolvedTarget(target(resolution.provider(), resolution.model()), options, resolution.provider(),
                resolution.model(), preset, interactionType, resolution.source().value(), resolution, List.copyOf(fallbacks));
    }

    /** The target for a model named by key or id, with its preset (explicit, else the one keyed default). */
    public ResolvedTarget forModel(String modelKey, UUID modelId, PresetChoice presetChoice, Map<String, Object> requestOptions) {
        ConfigSnapshot snapshot = snapshot();
        boolean known = modelId != null ? snapshot.model(modelId).isPresent()
                : snapshot.modelByKey(modelKey.toLowerCase(Locale.ROOT)).isPresent();
        if (!known && snapshots.readThrough()) {
            snapshot = snapshot();
        }
        Model model = modelId != null
                ? snapshot.model(modelId).orElseThrow(() -> new TargetException("INVALID_REQUEST", "No model has id '" + modelId + "'",
                        Map.of("field", "model_id", "rule", "exists")))
                : snapshot.modelByKey(modelKey.toLowerCase(Locale.ROOT)).orElseThrow(() -> new TargetException("INVALID_REQUEST",
                        "No model has key '" + modelKey + "'", Map.of("field", "model_key", "rule", "exists")));
        Provider provider = snapshot.provider(model.providerId()).orElseThrow();
        Preset preset = presetChoice.isGiven() ? preset(model, presetChoice) : defaultPreset(snapshot, model);
        MergedOptions options = OptionMerger.merge(provider.llmOptionsDefaults(),
                preset == null ? null : preset.llmOptionsOverrides(), null, null, checkedRequestOptions(requestOptions));
        return new ResolvedTarget(target(provider, model), options, provider, model, preset, null, "model", null, List.of());
    }

    /** The core target for calling {@code model} at {@code provider}. */
    public ChatTarget target(Provider provider, Model model) {
        int overhead = model.messageOverheadTokens() != null ? model.messageOverheadTokens() : provider.messageOverheadTokens();
        var caps = model.capabilities();
        ModelProfile profile = new ModelProfile(model.enabled(), caps.toolCalling(), caps.jsonObject(), caps.jsonSchema(),
                caps.streaming(), caps.embeddings(), model.contextWindowTokens(), overhead);
        return new ChatTarget(connection(provider), provider.enabled(), model.model(), profile);
    }

    private ProviderConnection connection(Provider provider) {
        CachedConnection cached = connections.get(provider.id());
        if (cached != null && cached.version() == provider.version() && java.util.Objects.equals(cached.keyRef(), provider.apiKeyRef())) {
            return cached.connection();
        }
        try {
            ProviderConnection connection = providers.connection(provider, requestTimeout);
            // a change is the moment to forget providers deleted since: their opened keys go with them
            ConfigSnapshot snapshot = snapshots.current(); // null while the database cannot be read: keep all
            if (snapshot != null) {
                connections.keySet().removeIf(id -> snapshot.provider(id).isEmpty());
            }
            connections.put(provider.id(), new CachedConnection(provider.version(), provider.apiKeyRef(), connection));
            return connection;
        } catch (RuntimeException e) {
            throw new TargetException("PROVIDER_ERROR", "The API key of provider '" + provider.name()
                    + "' cannot be opened: " + e.getMessage(), Map.of("provider", provider.name()));
        }
    }

    /** The providers whose opened connection is cached. */
    java.util.Set<UUID> cachedProviders() {
        return java.util.Set.copyOf(connections.keySet());
    }

    private Preset preset(Model model, PresetChoice choice) {
        ConfigSnapshot snapshot = snapshot();
        if (choice.presetId() != null) {
            Preset preset = snapshot.preset(choice.presetId()).orElseThrow(() -> new TargetException("INVALID_REQUEST",
                    "No preset has id '" + choice.presetId() + "'", Map.of("field", "preset_id", "rule", "exists")));
            if (!preset.modelId().equals(model.id())) {
                throw new TargetException("INVALID_REQUEST", "The preset belongs to another model", Map.of("field", "preset_id", "rule", "belongs_to_model"));
            }
            return preset;
        }
        String key = choice.presetKey().toLowerCase(Locale.ROOT);
        return snapshot.presets().stream().filter(p -> p.modelId().equals(model.id()) && key.equals(p.key())).findFirst()
                .orElseThrow(() -> new TargetException("INVALID_REQUEST", "Model '" + model.model()
                        + "' has no preset with key '" + key + "'", Map.of("field", "preset_key", "rule", "exists")));
    }

    private static Preset defaultPreset(ConfigSnapshot snapshot, Model model) {
        return snapshot.presets().stream().filter(p -> p.modelId().equals(model.id()) && Preset.DEFAULT_KEY.equals(p.key()))
                .findFirst().orElse(null);
    }

    private static Map<String, Object> checkedRequestOptions(Map<String, Object> options) {
        if (options == null) {
            return null;
        }
        List<String> reserved = ReservedOptionKeys.presentIn(options);
        if (!reserved.isEmpty()) {
            throw new TargetException("INVALID_REQUEST", "'" + reserved.get(0) + "' cannot be an option; it is a field of the request itself",
                    Map.of("field", "options." + reserved.get(0), "rule", "reserved_key"));
        }
        return options;
    }

    private ConfigSnapshot snapshot() {
        ConfigSnapshot snapshot = snapshots.current();
        if (snapshot == null) {
            throw new TargetException("NO_CONFIGURATION", "The configuration database cannot be read", Map.of());
        }
        return snapshot;
    }

    /** An explicit preset by id or key, or neither. */
    public record PresetChoice(UUID presetId, String presetKey) {

        public static final PresetChoice NONE = new PresetChoice(null, null);

        boolean isGiven() {
            return presetId != null || presetKey != null;
        }
    }

    /** A target that cannot be built; {@code code} is a run result code. */
    public static final class TargetException extends RuntimeException {

        private final String code;
        private final Map<String, Object> details;

        TargetException(String code, String message, Map<String, Object> details) {
            super(message);
            this.code = code;
            this.details = details;
        }

        public String code() {
            return code;
        }

        public Map<String, Object> details() {
            return details;
        }
    }

}
