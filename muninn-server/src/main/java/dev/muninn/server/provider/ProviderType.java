package dev.muninn.server.provider;

import java.util.Arrays;

/** The kinds of provider Muninn speaks to; {@code custom} is any OpenAI-compatible server. */
public enum ProviderType {

    OPENAI("openai", "openai", "https://api.openai.com", "/v1"),
    ANTHROPIC("anthropic", "anthropic", "https://api.anthropic.com", "/v1"),
    CUSTOM("custom", "openai", null, "/v1");

    private final String value;
    private final String apiFormat;
    private final String defaultBaseUrl;
    private final String defaultApiPrefix;

    ProviderType(String value, String apiFormat, String defaultBaseUrl, String defaultApiPrefix) {
        this.value = value;
        this.apiFormat = apiFormat;
        this.defaultBaseUrl = defaultBaseUrl;
        this.defaultApiPrefix = defaultApiPrefix;
    }

    public String value() {
        return value;
    }

    public String apiFormat() {
        return apiFormat;
    }

    public String defaultBaseUrl() {
        return defaultBaseUrl;
    }

    public String defaultApiPrefix() {
        return defaultApiPrefix;
    }

    public static ProviderType fromValue(String value) {
        return Arrays.stream(values()).filter(t -> t.value.equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown provider type " + value));
    }

    static boolean isKnown(String value) {
        return Arrays.stream(values()).anyMatch(t -> t.value.equals(value));
    }
}
