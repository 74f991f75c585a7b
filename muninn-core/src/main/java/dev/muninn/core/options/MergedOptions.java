package dev.muninn.core.options;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The request options a call will send, with the layer each one came from (shown in the UI
 * and in run results so an admin can see why a value is what it is).
 *
 * @param values      option name to value, in first-set order
 * @param sources     option name to the layer that set the value
 * @param ignoredKeys reserved keys found in provider defaults or a preset and left out
 */
public record MergedOptions(Map<String, Object> values, Map<String, OptionSource> sources, List<String> ignoredKeys) {

    public static final MergedOptions EMPTY = new MergedOptions(Map.of(), Map.of(), List.of());

    public MergedOptions {
        // Copies keep insertion order (Map.copyOf would not) and tolerate null option values.
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
        ignoredKeys = List.copyOf(ignoredKeys);
    }

    public Object get(String key) {
        return values.get(key);
    }

    public OptionSource sourceOf(String key) {
        return sources.get(key);
    }
}
