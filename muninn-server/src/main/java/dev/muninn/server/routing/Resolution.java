package dev.muninn.server.routing;

import java.util.List;

import dev.muninn.core.options.MergedOptions;
import dev.muninn.server.catalog.Model;
import dev.muninn.server.preset.Preset;
import dev.muninn.server.provider.Provider;

/**
 * The effective configuration of an interaction type for a user: which provider and model answer,
 * with which preset and merged options, and where that choice came from.
 *
 * @param notes why a more specific choice was passed over (an override pointing at a disabled model, say)
 */
public record Resolution(String interactionType, InteractionType.Kind kind, Source source, Provider provider, Model model,
        Preset preset, Double temperature, Integer maxTokens, MergedOptions options, List<Fallback> fallbacks,
        List<String> notes) {

    /** A model to try next, with its own provider defaults and default preset merged in. */
    public record Fallback(Provider provider, Model model, Preset preset, MergedOptions options) {
    }

    /** Where the choice came from, most specific first. */
    public enum Source {
        USER_OVERRIDE, GLOBAL, ENVIRONMENT, NONE;

        public String value() {
            return name().toLowerCase();
        }
    }

    public boolean configured() {
        return source != Source.NONE;
    }

    Resolution withNote(String note) {
        List<String> all = new java.util.ArrayList<>(notes);
        all.add(note);
        return new Resolution(interactionType, kind, source, provider, model, preset, temperature, maxTokens, options,
                fallbacks, List.copyOf(all));
    }

    static Resolution none(InteractionType type, List<String> notes) {
        return new Resolution(type.name(), type.kind(), Source.NONE, null, null, null, null, null, MergedOptions.EMPTY,
                List.of(), List.copyOf(notes));
    }
}
