package dev.muninn.server.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.muninn.core.options.OptionMerger;
import dev.muninn.server.catalog.Model;
import dev.muninn.server.preset.Preset;
import dev.muninn.server.provider.Provider;

/**
 * Everything resolution needs, read from the database in one go and never changed afterwards.
 * Every route's resolution is worked out when the snapshot is built, so resolving on the hot
 * path is two map look-ups.
 */
public final class ConfigSnapshot {

    private final long version;
    private final Map<UUID, Provider> providers;
    private final Map<UUID, Model> models;
    private final Map<String, Model> modelsByKey;
    private final Map<UUID, Preset> presets;
    private final Map<String, InteractionType> types;
    private final Map<String, Resolution> global;
    private final Map<String, Map<String, Resolution>> userOverrides;

    ConfigSnapshot(long version, Collection<Provider> providers, Collection<Model> models, Collection<Preset> presets,
            List<InteractionType> types, List<Route> globalRoutes, List<Route> userRoutes,
            Function<InteractionType, Resolution> environmentFallback) {
        this.version = version;
        this.providers = index(providers, Provider::id);
        this.models = index(models, Model::id);
        this.modelsByKey = models.stream().filter(m -> m.key() != null).collect(Collectors.toUnmodifiableMap(Model::key, m -> m));
        this.presets = index(presets, Preset::id);
        Map<UUID, Preset> defaultPresets = presets.stream().filter(p -> Preset.DEFAULT_KEY.equals(p.key()))
                .collect(Collectors.toMap(Preset::modelId, p -> p));
        this.types = java.util.Collections.unmodifiableMap(types.stream().collect(Collectors.toMap(InteractionType::name,
                t -> t, (a, b) -> a, java.util.LinkedHashMap::new)));

        Map<String, Route> globalByType = globalRoutes.stream().collect(Collectors.toMap(Route::interactionType, r -> r));
        Map<String, Resolution> global = new HashMap<>();
        for (InteractionType type : types) {
            Route route = globalByType.get(type.name());
            List<String> notes = new ArrayList<>();
            Resolution resolution = null;
            if (route != null) {
                resolution = resolve(type, route, Resolution.Source.GLOBAL, defaultPresets, notes);
            }
            if (resolution == null) {
                if (route == null) {
                    notes.add("no global configuration for '" + type.name() + "'");
                }
                Resolution fallback = environmentFallback.apply(type);
                resolution = fallback != null ? withNotes(fallback, notes) : Resolution.none(type, notes);
            }
            global.put(type.name(), resolution);
        }
        this.global = Map.copyOf(global);

        Map<String, Map<String, Resolution>> users = new HashMap<>();
        for (Route route : userRoutes) {
            InteractionType type = this.types.get(route.interactionType());
            List<String> notes = new ArrayList<>();
            Resolution resolution = resolve(type, route, Resolution.Source.USER_OVERRIDE, defaultPresets, notes);
            if (resolution == null) {
                resolution = withNotes(this.global.get(type.name()), notes);
            }
            users.computeIfAbsent(route.userId(), u -> new HashMap<>()).put(type.name(), resolution);
        }
        this.userOverrides = users.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> Map.copyOf(e.getValue())));
    }

    /** The route's resolution, or null (with a note saying why) when it points at something disabled. */
    private Resolution resolve(InteractionType type, Route route, Resolution.Source source, Map<UUID, Preset> defaultPresets,
            List<String> notes) {
        Provider provider = providers.get(route.providerId());
        Model model = models.get(route.modelId());
        String what = source == Resolution.Source.USER_OVERRIDE ? "user override" : "global configuration";
        if (provider == null || model == null) {
            notes.add(what + " for '" + type.name() + "' points at a provider or model that no longer exists");
            return null;
        }
        if (source == Resolution.Source.USER_OVERRIDE && !provider.enabled()) {
            notes.add(what + " for '" + type.name() + "' ignored: provider '" + provider.name() + "' is disabled");
            return null;
        }
        if (source == Resolution.Source.USER_OVERRIDE && !model.enabled()) {
            notes.add(what + " for '" + type.name() + "' ignored: model '" + model.model() + "' is disabled");
            return null;
        }
        Preset preset = route.presetId() != null ? presets.get(route.presetId()) : defaultPresets.get(model.id());
        var options = OptionMerger.merge(provider.llmOptionsDefaults(), preset == null ? null : preset.llmOptionsOverrides(),
                route.temperature(), route.maxTokens(), null);
        List<Resolution.Fallback> fallbacks = new ArrayList<>();
        for (Route.Fallback fallback : route.fallbacks()) {
            Provider fallbackProvider = providers.get(fallback.providerId());
            Model fallbackModel = models.get(fallback.modelId());
            if (fallbackProvider == null || fallbackModel == null || !fallbackProvider.enabled() || !fallbackModel.enabled()) {
                notes.add("a fallback of " + what + " for '" + type.name() + "' is missing or disabled and is skipped");
                continue;
            }
            Preset fallbackPreset = defaultPresets.get(fallbackModel.id());
            fallbacks.add(new Resolution.Fallback(fallbackProvider, fallbackModel, fallbackPreset,
                    OptionMerger.merge(fallbackProvider.llmOptionsDefaults(),
                            fallbackPreset == null ? null : fallbackPreset.llmOptionsOverrides(), route.temperature(),
                            route.maxTokens(), null)));
        }
        return new Resolution(type.name(), type.kind(), source, provider, model, preset, route.temperature(),
                route.maxTokens(), options, List.copyOf(fallbacks), List.copyOf(notes));
    }

    private static Resolution withNotes(Resolution resolution, List<String> notes) {
        Resolution result = resolution;
        for (String note : notes) {
            result = result.withNote(note);
        }
        return result;
    }

    private static <T> Map<UUID, T> index(Collection<T> values, Function<T, UUID> id) {
        return values.stream().collect(Collectors.toUnmodifiableMap(id, v -> v));
    }

    public long version() {
        return version;
    }

    /** The effective configuration; empty when the interaction type does not exist. */
    public Optional<Resolution> resolve(String userId, String interactionType) {
        if (userId != null) {
            Map<String, Resolution> overrides = userOverrides.get(userId);
            if (overrides != null) {
                Resolution override = overrides.get(interactionType);
                if (override != null) {
                    return Optional.of(override);
                }
            }
        }
        return Optional.ofNullable(global.get(interactionType));
    }

    public Optional<InteractionType> type(String name) {
        return Optional.ofNullable(types.get(name));
    }

    public Collection<InteractionType> types() {
        return types.values();
    }

    public Optional<Provider> provider(UUID id) {
        return Optional.ofNullable(providers.get(id));
    }

    public Collection<Provider> providers() {
        return providers.values();
    }

    public Optional<Model> model(UUID id) {
        return Optional.ofNullable(models.get(id));
    }

    public Optional<Model> modelByKey(String key) {
        return Optional.ofNullable(modelsByKey.get(key));
    }

    public Collection<Model> models() {
        return models.values();
    }

    public Optional<Preset> preset(UUID id) {
        return Optional.ofNullable(presets.get(id));
    }

    public Collection<Preset> presets() {
        return presets.values();
    }
}
