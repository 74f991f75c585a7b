package dev.muninn.core.provider;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach one provider. Request URLs are {@code baseUrl + apiPrefix + path},
 * e.g. {@code https://api.openai.com} + {@code /v1} + {@code /chat/completions}.
 *
 * @param providerName   display name, used in results and error messages
 * @param apiFormat      wire protocol
 * @param baseUrl        scheme, host and port, without a trailing slash
 * @param apiPrefix      path prefix; null means {@code /v1}, empty means none
 * @param headers        extra headers sent on every request (e.g. OpenRouter's HTTP-Referer)
 * @param apiKey         nullable; never printed
 * @param requestTimeout how long to wait for a response (and, when streaming, between two chunks); null means 60 s
 */
public record ProviderConnection(
        String providerName,
        ApiFormat apiFormat,
        String baseUrl,
        String apiPrefix,
        Map<String, String> headers,
        String apiKey,
        Duration requestTimeout) {

    public static final String DEFAULT_API_PREFIX = "/v1";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    public ProviderConnection {
        Objects.requireNonNull(apiFormat, "apiFormat");
        Objects.requireNonNull(baseUrl, "baseUrl");
        providerName = providerName == null ? "" : providerName;
        baseUrl = stripTrailingSlashes(baseUrl.trim());
        apiPrefix = normalizePrefix(apiPrefix);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
        requestTimeout = requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
    }

    /** The smallest useful connection: name, format, base URL and key, everything else defaulted. */
    public static ProviderConnection of(String providerName, ApiFormat apiFormat, String baseUrl, String apiKey) {
        return new ProviderConnection(providerName, apiFormat, baseUrl, null, Map.of(), apiKey, null);
    }

    public ProviderConnection withRequestTimeout(Duration timeout) {
        return new ProviderConnection(providerName, apiFormat, baseUrl, apiPrefix, headers, apiKey, timeout);
    }

    /** The full URL of an endpoint, {@code path} starting with a slash, e.g. {@code /models}. */
    public String url(String path) {
        return baseUrl + apiPrefix + path;
    }

    public boolean hasApiKey() {
        return apiKey != null;
    }

    @Override
    public String toString() {
        // The key must never reach a log line, so it is replaced by a marker.
        return "ProviderConnection[providerName=" + providerName + ", apiFormat=" + apiFormat
                + ", baseUrl=" + baseUrl + ", apiPrefix=" + apiPrefix + ", headers=" + headers.keySet()
                + ", apiKey=" + (apiKey == null ? "none" : "***") + ", requestTimeout=" + requestTimeout + "]";
    }

    private static String stripTrailingSlashes(String url) {
        String result = url;
        while (result.endsWith("/")) {
            result = result.substring(0, result.length() - 1);
        }
        return result;
    }

    private static String normalizePrefix(String prefix) {
        if (prefix == null) {
            return DEFAULT_API_PREFIX;
        }
        String trimmed = stripTrailingSlashes(prefix.trim());
        if (trimmed.isEmpty()) {
            return "";
        }
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }
}
