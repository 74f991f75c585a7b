package dev.muninn.core.options;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merges request options from four layers, later wins: provider defaults, preset, the
 * interaction config's temperature and max_tokens, the request's own options.
 */
public final class OptionMerger {

    private OptionMerger() {
    }

    /**
     * Any argument may be null. Reserved keys ({@link ReservedOptionKeys}) are dropped from
     * provider defaults and presets even though the server refuses them on save: rows written
     * before that rule, or by hand, must still never override what the caller sends.
     */
    public static MergedOptions merge(Map<String, ?> providerDefaults,
                                      Map<String, ?> presetOverrides,
                                      Double interactionTemperature,
                                      Integer interactionMaxTokens,
                                      Map<String, ?> requestOptions) {
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, OptionSource> sources = new LinkedHashMap<>();
        List<String> ignored = new ArrayList<>();
        putStored(providerDefaults, OptionSource.PROVIDER_DEFAULTS, values, sources, ignored);
        putStored(presetOverrides, OptionSource.PRESET, values, sources, ignored);
        if (interactionTemperature != null) {
            put("temperature", interactionTemperature, OptionSource.INTERACTION_CONFIG, values, sources);
        }
        if (interactionMaxTokens != null) {
            put("max_tokens", interactionMaxTokens, OptionSource.INTERACTION_CONFIG, values, sources);
        }
        if (requestOptions != null) {
            requestOptions.forEach((key, value) -> put(key, value, OptionSource.REQUEST, values, sources));
        }
        return new MergedOptions(values, sources, ignored);
    }

    private static void putStored(Map<String, ?> layer, OptionSource source, Map<String, Object> values,
                                  Map<String, OptionSource> sources, List<String> ignored) {
        if (layer == null) {
            return;
        }
        layer.forEach((key, value) -> {
            if (ReservedOptionKeys.RESERVED.contains(key)) {
                ignored.add(key);
            } else {
                put(key, value, source, values, sources);
            }
        });
    }

    private static void put(String key, Object value, OptionSource source, Map<String, Object> values,
                            Map<String, OptionSource> sources) {
        values.put(key, value);
        sources.put(key, source);
    }
}
