package dev.muninn.server.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.muninn.server.catalog.Model;
import dev.muninn.server.catalog.ModelService;
import dev.muninn.server.error.ApiException;
import dev.muninn.server.preset.Preset;
import dev.muninn.server.preset.PresetService;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.provider.ProviderService;
import dev.muninn.server.routing.InteractionType;

/**
 * The options a route form offers: every provider, the provider's enabled models that fit the
 * type, and the model's presets. A disabled model still shows when it is the one selected, so
 * the form never hides what is stored.
 */
@Component
class RouteChoices {

    private final ProviderService providers;
    private final ModelService models;
    private final PresetService presets;

    RouteChoices(ProviderService providers, ModelService models, PresetService presets) {
        this.providers = providers;
        this.models = models;
        this.presets = presets;
    }

    List<Choice> providers(UUID selected) {
        return providers.list().stream().map(p -> new Choice(p.id().toString(),
                p.name() + (p.enabled() ? "" : " (disabled)"), p.id().equals(selected))).toList();
    }

    List<Choice> models(UUID providerId, InteractionType.Kind kind, UUID selected) {
        if (providerId == null) {
            return List.of();
        }
        List<Choice> choices = new ArrayList<>();
        for (Model m : models.listByProvider(providerId)) {
            boolean isSelected = m.id().equals(selected);
            if (isSelected || m.enabled() && fits(m, kind)) {
                String label = m.name().equals(m.model()) ? m.model() : m.model() + " — " + m.name();
                choices.add(new Choice(m.id().toString(), label + (m.enabled() ? "" : " (disabled)"), isSelected));
            }
        }
        return choices;
    }

    List<Choice> presets(UUID modelId, UUID selected) {
        if (modelId == null) {
            return List.of();
        }
        return presets.listByModel(modelId).stream().map(p -> new Choice(p.id().toString(),
                p.key() == null ? "(unnamed " + p.id().toString().substring(0, 8) + ")" : p.key(),
                p.id().equals(selected))).toList();
    }

    /** The model if it exists and belongs to the provider; null when the provider was just changed. */
    Model modelOf(UUID providerId, UUID modelId) {
        if (providerId == null || modelId == null) {
            return null;
        }
        try {
            Model model = models.get(modelId);
            return model.providerId().equals(providerId) ? model : null;
        } catch (ApiException e) {
            return null;
        }
    }

    /** The preset if it belongs to the model; a preset of the previous model is dropped with it. */
    UUID presetOf(UUID modelId, UUID presetId) {
        if (modelId == null || presetId == null) {
            return null;
        }
        return presets.listByModel(modelId).stream().map(Preset::id).filter(id -> Objects.equals(id, presetId))
                .findFirst().orElse(null);
    }

    String providerName(UUID providerId) {
        try {
            Provider provider = providers.get(providerId);
            return provider.name();
        } catch (ApiException e) {
            return "the provider";
        }
    }

    /** Embeddings types take embedding models; chat types take any model that is not only for embeddings. */
    static boolean fits(Model m, InteractionType.Kind kind) {
        boolean embeddingOnly = m.supportsEmbeddings() && !m.capabilities().streaming() && !m.capabilities().toolCalling();
        return kind == InteractionType.Kind.EMBEDDINGS ? m.supportsEmbeddings() : !embeddingOnly;
    }

    static UUID uuid(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
