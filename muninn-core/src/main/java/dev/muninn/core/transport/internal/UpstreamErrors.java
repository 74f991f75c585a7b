package dev.muninn.core.transport.internal;

import dev.muninn.core.provider.ProviderConnection;
import dev.muninn.core.provider.ProviderException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Turns an upstream error body into a short, key-free message. */
public final class UpstreamErrors {

    private UpstreamErrors() {
    }

    public static ProviderException statusError(ProviderConnection connection, int status, String body) {
        String detail = ProviderException.sanitize(extractMessage(body), connection.apiKey());
        String message = prefix(connection) + "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
        return new ProviderException(ProviderException.Kind.UPSTREAM_STATUS, status, message);
    }

    public static String prefix(ProviderConnection connection) {
        return connection.providerName().isEmpty() ? "" : connection.providerName() + ": ";
    }

    /**
     * The human part of an error body. OpenAI, Anthropic and vLLM nest it under
     * {@code error.message}; some servers use {@code error} as a string, {@code message} or
     * FastAPI's {@code detail}. Anything else is shown raw (sanitized and truncated later).
     */
    static String extractMessage(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode root = Json.MAPPER.readTree(body);
            JsonNode error = root.path("error");
            if (error.isObject() && error.path("message").isString()) {
                return error.path("message").asString();
            }
            if (error.isString()) {
                return error.asString();
            }
            if (root.path("message").isString()) {
                return root.path("message").asString();
            }
            if (root.has("detail")) {
                JsonNode detail = root.get("detail");
                return detail.isString() ? detail.asString() : detail.toString();
            }
        } catch (JacksonException notJson) {
            // Plain-text or HTML error pages are shown as they are.
        }
        return body;
    }
}
