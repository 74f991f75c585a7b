package dev.muninn.server.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.muninn.server.routing.Resolution;

/** What answers an interaction type and why: a resolution put into words for a page. */
record Effective(String source, String sourceLabel, String provider, String model, String preset, Double temperature,
        Integer maxTokens, List<String> options, List<String> notes) {

    static Effective of(Resolution r) {
        List<String> options = new ArrayList<>();
        r.options().values().forEach((key, value) -> {
            var from = r.options().sourceOf(key);
            options.add(key + " = " + value + (from == null ? "" : " (" + layer(from.name()) + ")"));
        });
        return new Effective(r.source().value(), label(r.source()), r.provider() == null ? null : r.provider().name(),
                r.model() == null ? null : r.model().model(), r.preset() == null ? null : r.preset().key(),
                r.temperature(), r.maxTokens(), options, r.notes());
    }

    private static String label(Resolution.Source source) {
        return switch (source) {
            case USER_OVERRIDE -> "the user's override";
            case GLOBAL -> "the global configuration";
            case ENVIRONMENT -> "the environment fallback";
            case NONE -> "nothing: not configured";
        };
    }

    private static String layer(String source) {
        return switch (source) {
            case "PROVIDER_DEFAULTS" -> "provider default";
            case "PRESET" -> "preset";
            case "INTERACTION_CONFIG" -> "interaction config";
            default -> source.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }
}
