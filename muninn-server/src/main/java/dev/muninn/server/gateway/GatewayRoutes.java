package dev.muninn.server.gateway;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.muninn.core.chat.ChatTarget;
import dev.muninn.core.options.MergedOptions;
import dev.muninn.core.options.OptionMerger;
import dev.muninn.core.provider.ProviderConnection;
import dev.muninn.server.catalog.Model;
import dev.muninn.server.json.Json;
import dev.muninn.server.preset.Preset;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.routing.ConfigSnapshot;
import dev.muninn.server.routing.ConfigSnapshots;
import dev.muninn.server.routing.InteractionType;
import dev.muninn.server.routing.Resolution;
import dev.muninn.server.runtime.ChatTargets;
import tools.jackson.databind.JsonNode;

/**
 * Maps the {@code model} a caller sends to an {@link Upstream}: an interaction type (resolved for
 * the caller's user), a model key, or {@code provider/model}. Everything is indexed once per
 * configuration snapshot; a request costs a few map look-ups.
 */
@Component
class GatewayRoutes {

    // The gateway owns these fields of the request; an option layer must not replace them.
    private static final Set<String> NOT_FROM_OPTIONS = Set.of("model", "messages", "stream", "input");
    // Of the stored options, only these make sense for an embeddings API (as in the run-chat runner).
    private static final Set<String> STORED_EMBEDDING_OPTIONS = Set.of("dimensions", "user");
    // The JDK client refuses to set these, and the gateway sets its own.
    private static final Set<String> RESTRICTED_HEADERS = Set.of("connection", "content-length", "expect", "host",
            "upgrade", "content-type", "authorization");

    private final ConfigSnapshots snapshots;
    private final ChatTargets targets;
    private final GatewayMetrics metrics;
    private volatile Index index;

    GatewayRoutes(ConfigSnapshots snapshots, ChatTargets targets, GatewayMetrics metrics) {
        this.snapshots = snapshots;
        this.targets = targets;
        this.metrics = metrics;
    }

    /** What is indexed from one snapshot; replaced whole when the snapshot changes. */
    private static final class Index {
        final ConfigSnapshot snapshot;
        final Map<String, Provider> providersByName = new HashMap<>();
        final Map<String, Model> modelsByProviderAndId = new HashMap<>();
        final Map<Object, Upstream> upstreams = new ConcurrentHashMap<>();
        final byte[] modelList;
        final Map<String, byte[]> modelsById = new HashMap<>();

        Index(ConfigSnapshot snapshot) {
            this.snapshot = snapshot;
            for (Provider provider : snapshot.providers()) {
                providersByName.put(provider.name().toLowerCase(Locale.ROOT), provider);
            }
            for (Model model : snapshot.models()) {
                modelsByProviderAndId.put(model.providerId() + "/" + model.model(), model);
            }
            this.modelList = modelList(snapshot);
            Json.mapper().readTree(modelList).get("data").forEach(entry ->
                    modelsById.put(entry.get("id").asString(), Json.write(entry).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Keys a resolution by identity: each snapshot holds one instance per route, and records compare deeply. */
    private record Identity(Object value) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Identity identity && identity.value == value;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(value);
        }
    }

    /**
     * The target for {@code name} and {@code userId}.
     *
     * @throws GatewayException 404 when nothing has that name, 409 when an interaction type has no configuration
     */
    Upstream resolve(String name, String userId) {
        ConfigSnapshot snapshot = snapshots.current();
        if (snapshot == null) {
            // The database has never been readable: resolve from the environment, uncached.
            Resolution resolution;
            try {
                resolution = snapshots.resolve(userId, name);
            } catch (RuntimeException e) {
                throw GatewayException.modelNotFound(name);
            }
            return fromResolution(resolution);
        }
        Index current = index;
        if (current == null || current.snapshot != snapshot) {
            current = new Index(snapshot);
            index = current;
        }
        if (snapshot.type(name).isPresent()) {
            Resolution resolution = snapshot.resolve(userId, name).orElseThrow();
            return current.upstreams.computeIfAbsent(new Identity(resolution), k -> fromResolution(resolution));
        }
        Model model = snapshot.modelByKey(name.toLowerCase(Locale.ROOT)).orElse(null);
        Provider provider = null;
        if (model == null) {
            int slash = name.indexOf('/');
            if (slash > 0) {
                provider = current.providersByName.get(name.substring(0, slash).toLowerCase(Locale.ROOT));
                if (provider != null) {
                    model = current.modelsByProviderAndId.get(provider.id() + "/" + name.substring(slash + 1));
                }
            }
        }
        if (model == null) {
            throw GatewayException.modelNotFound(name);
        }
        Model found = model;
        return current.upstreams.computeIfAbsent(model.id(), k -> fromModel(snapshot, found));
    }

    /** OpenAI's model list: every configured interaction type, model key and provider/model. */
    byte[] modelList() {
        Index current = currentIndex();
        return current == null ? modelList(null) : current.modelList;
    }

    /** One entry of the model list, or null. */
    byte[] model(String id) {
        Index current = currentIndex();
        return current == null ? null : current.modelsById.get(id);
    }

    private Index currentIndex() {
        ConfigSnapshot snapshot = snapshots.current();
        if (snapshot == null) {
            return null;
        }
        Index current = index;
        if (current == null || current.snapshot != snapshot) {
            current = new Index(snapshot);
            index = current;
        }
        return current;
    }

    private Upstream fromResolution(Resolution resolution) {
        if (!resolution.configured()) {
            throw new GatewayException(409, "invalid_request_error", "no_configuration", "model",
                    "No LLM configuration available for '" + resolution.interactionType() + "': route it with PUT "
                            + "/api/v1/llm/config/" + resolution.interactionType() + " or set OPENAI_API_KEY", false);
        }
        List<Upstream> fallbacks = new ArrayList<>();
        for (Resolution.Fallback fallback : resolution.fallbacks()) {
            // Merged as the run-chat runtime merges a fallback: its own defaults and preset, the route's temperature and max_tokens.
            MergedOptions options = OptionMerger.merge(fallback.provider().llmOptionsDefaults(),
                    fallback.preset() == null ? null : fallback.preset().llmOptionsOverrides(), resolution.temperature(),
                    resolution.maxTokens(), null);
            try {
                fallbacks.add(build(resolution.interactionType(), resolution.kind(), "fallback", fallback.provider(),
                        fallback.model(), options, List.of()));
            } catch (GatewayException e) {
                // a fallback whose key cannot be opened is no fallback; the primary still answers
            }
        }
        return build(resolution.interactionType(), resolution.kind(), resolution.source().value(), resolution.provider(),
                resolution.model(), resolution.options(), List.copyOf(fallbacks));
    }

    private Upstream fromModel(ConfigSnapshot snapshot, Model model) {
        Provider provider = snapshot.provider(model.providerId()).orElseThrow();
        Preset preset = snapshot.presets().stream()
                .filter(p -> p.modelId().equals(model.id()) && Preset.DEFAULT_KEY.equals(p.key())).findFirst().orElse(null);
        MergedOptions options = OptionMerger.merge(provider.llmOptionsDefaults(),
                preset == null ? null : preset.llmOptionsOverrides(), null, null, null);
        return build(null, null, "model", provider, model, options, List.of());
    }

    private Upstream build(String interactionType, InteractionType.Kind kind, String source, Provider provider, Model model,
            MergedOptions options, List<Upstream> fallbacks) {
        ChatTarget target;
        try {
            target = targets.target(provider, model);
        } catch (ChatTargets.TargetException e) {
            throw GatewayException.upstream(502, "provider_error", e.getMessage(), false);
        }
        ProviderConnection connection = target.connection();
        List<String> headers = new ArrayList<>(List.of("Content-Type", "application/json"));
        if (connection.hasApiKey()) {
            headers.add("Authorization");
            headers.add("Bearer " + connection.apiKey());
        }
        connection.headers().forEach((name, value) -> {
            String trimmed = name == null ? "" : name.trim();
            if (!trimmed.isEmpty() && value != null && !RESTRICTED_HEADERS.contains(trimmed.toLowerCase(Locale.ROOT))) {
                headers.add(trimmed);
                headers.add(value);
            }
        });
        Map<String, JsonNode> chatOptions = new LinkedHashMap<>();
        Map<String, JsonNode> embeddingOptions = new LinkedHashMap<>();
        options.values().forEach((key, value) -> {
            if (!NOT_FROM_OPTIONS.contains(key)) {
                JsonNode json = Json.mapper().valueToTree(value);
                chatOptions.put(key, json);
                if (STORED_EMBEDDING_OPTIONS.contains(key)) {
                    embeddingOptions.put(key, json);
                }
            }
        });
        return new Upstream(interactionType, kind, source, provider, model, target,
                URI.create(connection.url("/chat/completions")), URI.create(connection.url("/embeddings")),
                headers.toArray(String[]::new), Map.copyOf(chatOptions), Map.copyOf(embeddingOptions),
                metrics.meters(interactionType, provider.name(), model.model()), fallbacks);
    }

    private static byte[] modelList(ConfigSnapshot snapshot) {
        var root = Json.mapper().createObjectNode();
        root.put("object", "list");
        var data = root.putArray("data");
        if (snapshot != null) {
            Set<String> seen = new LinkedHashSet<>();
            for (InteractionType type : snapshot.types()) {
                Resolution resolution = snapshot.resolve(null, type.name()).orElse(null);
                if (resolution != null && resolution.configured() && seen.add(type.name())) {
                    data.addObject().put("id", type.name()).put("object", "model").put("created", 0)
                            .put("owned_by", "muninn");
                }
            }
            List<Model> models = new ArrayList<>(snapshot.models());
            models.sort(java.util.Comparator.comparing(Model::model));
            for (Model model : models) {
                Provider provider = snapshot.provider(model.providerId()).orElse(null);
                if (provider == null || !provider.enabled() || !model.enabled()) {
                    continue;
                }
                long created = model.createdAt() == null ? 0 : model.createdAt().toEpochSecond();
                if (model.key() != null && seen.add(model.key())) {
                    data.addObject().put("id", model.key()).put("object", "model").put("created", created)
                            .put("owned_by", provider.name());
                }
                String qualified = provider.name() + "/" + model.model();
                if (seen.add(qualified)) {
                    data.addObject().put("id", qualified).put("object", "model").put("created", created)
                            .put("owned_by", provider.name());
                }
            }
        }
        return Json.write(root).getBytes(StandardCharsets.UTF_8);
    }
}
