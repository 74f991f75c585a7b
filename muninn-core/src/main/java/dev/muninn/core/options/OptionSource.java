package dev.muninn.core.options;

/** Where a merged option value came from, in merge order: later layers win. */
public enum OptionSource {
    PROVIDER_DEFAULTS,
    PRESET,
    INTERACTION_CONFIG,
    REQUEST
}
