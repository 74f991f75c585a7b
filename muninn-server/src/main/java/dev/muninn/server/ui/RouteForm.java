package dev.muninn.server.ui;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.springframework.web.util.UriUtils;

import dev.muninn.server.routing.InteractionType;

/**
 * One route as a form: the global route of a type, or a user's override. {@code status} says
 * what the last change did ("Saved at 03:12:40"); {@code effective} is what answers now;
 * {@code fallbacks} lists the fallback models in order, by key (or id when a model has no key).
 */
record RouteForm(InteractionType type, String userId, String providerId, String modelId, String presetId,
        Double temperature, Integer maxTokens, String fallbacks, List<Choice> providers, List<Choice> models,
        List<Choice> presets, Effective effective, FormErrors errors, String status) {

    static final List<String> FIELDS = List.of("provider_id", "model_id", "preset_id", "temperature", "max_tokens");

    /** The form's id prefix; each control's id derives from it, so htmx keeps focus across a swap. */
    public String idPrefix() {
        return userId == null ? "route-" + type.name() : "override-" + type.name();
    }

    /** Where the form posts each change. */
    public String action() {
        return userId == null ? "/ui/config/" + type.name()
                : "/ui/users/" + UriUtils.encodePathSegment(userId, StandardCharsets.UTF_8) + "/config/" + type.name();
    }

    /** The slider's value: the stored temperature, else the middle of the usual range. */
    public double sliderValue() {
        return temperature == null ? 0.7 : temperature;
    }
}
