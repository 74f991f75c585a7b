package dev.muninn.core.transport;

import dev.muninn.core.provider.ApiFormat;
import dev.muninn.core.provider.ProviderConnection;
import dev.muninn.core.provider.ProviderException;
import dev.muninn.core.transport.internal.Json;
import dev.muninn.core.transport.internal.UpstreamErrors;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The one pooled JDK {@link HttpClient} all provider calls share, plus the plumbing every
 * call needs: URL, auth headers, error mapping. Create one per application.
 */
public final class UpstreamHttp {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final String ANTHROPIC_VERSION = "2023-06-01";

    // The JDK client refuses to set these; a stored provider header must not break every call.
    private static final Set<String> RESTRICTED_HEADERS =
            Set.of("connection", "content-length", "expect", "host", "upgrade");

    private final HttpClient client;

    private UpstreamHttp(HttpClient client) {
        this.client = client;
    }

    public static UpstreamHttp create(Duration connectTimeout) {
        return new UpstreamHttp(HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build());
    }

    public static UpstreamHttp create() {
        return create(DEFAULT_CONNECT_TIMEOUT);
    }

    /** Wraps a client the caller configured (executor, proxy, SSL). */
    public static UpstreamHttp using(HttpClient client) {
        return new UpstreamHttp(client);
    }

    /** GET {@code path} and parse the JSON answer. */
    public JsonNode getJson(ProviderConnection connection, String path) {
        HttpRequest request = baseRequest(connection, path, "application/json").GET().build();
        return parse(connection, sendForBody(connection, request));
    }

    /** POST a JSON body to {@code path} and parse the JSON answer. */
    public JsonNode postJson(ProviderConnection connection, String path, JsonNode body) {
        HttpRequest request = baseRequest(connection, path, "application/json")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                .build();
        return parse(connection, sendForBody(connection, request));
    }

    /**
     * POST a JSON body and return the open 2xx response body for streaming; the caller closes it.
     * Returns null when {@code cancel} fired before the response headers arrived: the request is
     * sent asynchronously so that a consumer leaving early also aborts a slow first byte.
     */
    InputStream postForStream(ProviderConnection connection, String path, JsonNode body, CancelSignal cancel) {
        HttpRequest request = baseRequest(connection, path, "text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)))
                .build();
        CompletableFuture<HttpResponse<InputStream>> pending =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream());
        cancel.attach(() -> pending.cancel(true));
        HttpResponse<InputStream> response;
        try {
            response = pending.get();
        } catch (CancellationException e) {
            return null;
        } catch (ExecutionException e) {
            if (cancel.isCancelled()) {
                return null;
            }
            throw failure(connection, request, e.getCause() == null ? e : e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.Kind.UNREACHABLE, null, prefix(connection) + "interrupted", e);
        } finally {
            cancel.detach();
        }
        if (response.statusCode() / 100 != 2) {
            String errorBody;
            try (InputStream in = response.body()) {
                errorBody = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
            } catch (IOException e) {
                errorBody = "";
            }
            throw UpstreamErrors.statusError(connection, response.statusCode(), errorBody);
        }
        return response.body();
    }

    private HttpRequest.Builder baseRequest(ProviderConnection connection, String path, String accept) {
        URI uri;
        try {
            uri = URI.create(connection.url(path));
        } catch (IllegalArgumentException e) {
            throw new ProviderException(ProviderException.Kind.UNREACHABLE, null,
                    UpstreamErrors.prefix(connection) + "invalid URL " + connection.url(path));
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
                .timeout(connection.requestTimeout())
                .header("Accept", accept);
        if ("http".equalsIgnoreCase(uri.getScheme())) {
            // Plain-HTTP servers (vLLM, Ollama) gain nothing from an h2c upgrade attempt and some mishandle it.
            builder.version(HttpClient.Version.HTTP_1_1);
        }
        if (connection.apiFormat() == ApiFormat.ANTHROPIC) {
            builder.setHeader("anthropic-version", ANTHROPIC_VERSION);
            if (connection.hasApiKey()) {
                builder.setHeader("x-api-key", connection.apiKey());
            }
        } else if (connection.hasApiKey()) {
            builder.setHeader("Authorization", "Bearer " + connection.apiKey());
        }
        for (Map.Entry<String, String> header : connection.headers().entrySet()) {
            String name = header.getKey() == null ? "" : header.getKey().trim();
            if (!name.isEmpty() && header.getValue() != null
                    && !RESTRICTED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                builder.setHeader(name, header.getValue());
            }
        }
        return builder;
    }

    private String sendForBody(ProviderConnection connection, HttpRequest request) {
        HttpResponse<byte[]> response = send(connection, request, HttpResponse.BodyHandlers.ofByteArray());
        String body = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() / 100 != 2) {
            throw UpstreamErrors.statusError(connection, response.statusCode(), body);
        }
        return body;
    }

    private <T> HttpResponse<T> send(ProviderConnection connection, HttpRequest request,
                                     HttpResponse.BodyHandler<T> handler) {
        try {
            return client.send(request, handler);
        } catch (IOException e) {
            throw failure(connection, request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException(ProviderException.Kind.UNREACHABLE, null, prefix(connection) + "interrupted", e);
        }
    }

    private static ProviderException failure(ProviderConnection connection, HttpRequest request, Throwable e) {
        String prefix = prefix(connection);
        if (e instanceof HttpConnectTimeoutException) {
            return new ProviderException(ProviderException.Kind.UNREACHABLE, null,
                    prefix + "connect timed out to " + request.uri().getHost(), e);
        }
        if (e instanceof HttpTimeoutException) {
            return new ProviderException(ProviderException.Kind.TIMEOUT, null,
                    prefix + "no response within " + connection.requestTimeout().toMillis() + " ms", e);
        }
        if (e instanceof ConnectException) {
            return new ProviderException(ProviderException.Kind.UNREACHABLE, null,
                    prefix + "connection refused by " + request.uri().getHost() + ":" + request.uri().getPort(), e);
        }
        return new ProviderException(ProviderException.Kind.UNREACHABLE, null,
                prefix + "cannot reach " + request.uri().getHost() + ": "
                        + ProviderException.sanitize(describe(e), connection.apiKey()), e);
    }

    private static JsonNode parse(ProviderConnection connection, String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (JacksonException e) {
            throw new ProviderException(ProviderException.Kind.INVALID_RESPONSE, null,
                    prefix(connection) + "response is not JSON: "
                            + ProviderException.sanitize(abbreviate(body), connection.apiKey()));
        }
    }

    static String prefix(ProviderConnection connection) {
        return UpstreamErrors.prefix(connection);
    }

    private static String describe(Throwable e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static String abbreviate(String body) {
        return body.length() > 200 ? body.substring(0, 200) : body;
    }
}
