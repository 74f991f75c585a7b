package dev.muninn.server.routing;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The resolved configuration of a type for a user, and where each part came from. */
public record EffectiveView(String interactionType, String kind, String userId, String source, ProviderRef provider,
        ModelRef model, PresetRef preset, Double temperature, Integer maxTokens, Map<String, Object> options,
        Map<String, String> optionSources, List<FallbackRef> fallbacks, List<String> notes) {

    public record FallbackRef(ProviderRef provider, ModelRef model) {
    }

    public record ProviderRef(UUID id, String name, String providerType, boolean enabled) {
    }

    public record ModelRef(UUID id, String model, String name, String key, boolean enabled) {
    }

    public record PresetRef(UUID id, String key) {
    }

    static EffectiveView of(Resolution r, String userId) {
        Map<String, String> sources = new java.util.LinkedHashMap<>();
        r.options().sources().forEach((k, v) -> sources.put(k, v.name().toLowerCase()));
        boolean environment = r.source() == Resolution.Source.ENVIRONMENT;
        return new EffectiveView(r.interactionType(), r.kind().value(), userId, r.source().value(),
                r.provider() == null ? null : new ProviderRef(environment ? null : r.provider().id(), r.provider().name(),
                        r.provider().type().value(), r.provider().enabled()),
                r.model() == null ? null : new ModelRef(environment ? null : r.model().id(), r.model().model(),
                        r.model().name(), r.model().key(), r.model().enabled()),
                r.preset() == null ? null : new PresetRef(r.preset().id(), r.preset().key()), r.temperature(),
                r.maxTokens(), r.options().values(), sources,
                r.fallbacks().stream().map(f -> new FallbackRef(new ProviderRef(f.provider().id(), f.provider().name(),
                        f.provider().type().value(), f.provider().enabled()), new ModelRef(f.model().id(), f.model().model(),
                        f.model().name(), f.model().key(), f.model().enabled()))).toList(),
                r.notes());
    }
}
