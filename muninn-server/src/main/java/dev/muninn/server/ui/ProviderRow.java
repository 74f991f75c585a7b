package dev.muninn.server.ui;

import dev.muninn.server.provider.ProviderView;

/**
 * A provider as its row on the providers page shows it, with the outcome of the last action
 * taken on the row ({@code message}; {@code failed} when it went wrong).
 */
record ProviderRow(ProviderView p, int models, int enabledModels, String message, boolean failed) {

    /** "set, ends in abcd": whether a key is set and its last four characters, never the key. */
    public String keyState() {
        String env = p.apiKeySource() != null && p.apiKeySource().startsWith("env:") ? p.apiKeySource().substring(4) : null;
        if (!p.hasApiKey()) {
            return env == null ? "not set" : "not set (environment variable " + env + " is empty)";
        }
        String state = p.apiKeyLast4() == null ? "set" : "set, ends in " + p.apiKeyLast4();
        return env == null ? state : state + " (from environment variable " + env + ")";
    }
}
