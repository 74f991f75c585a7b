package dev.muninn.core.options;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Option keys that a provider default or a preset may not set: they belong to the
 * request itself, and letting a stored option override them would silently change
 * what every caller sends.
 */
public final class ReservedOptionKeys {

    public static final Set<String> RESERVED =
            Set.of("model", "messages", "stream", "tools", "tool_choice", "response_format");

    private ReservedOptionKeys() {
    }

    /** The reserved keys present in {@code options}, sorted, empty when none. */
    public static List<String> presentIn(Map<String, ?> options) {
        return options.keySet().stream().filter(RESERVED::contains).sorted().toList();
    }
}
