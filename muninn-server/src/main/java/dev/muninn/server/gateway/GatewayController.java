package dev.muninn.server.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Component;

import dev.muninn.core.provider.ProviderException;
import dev.muninn.core.transport.CancelSignal;
import dev.muninn.core.transport.ProviderTransport;
import dev.muninn.server.json.Json;
import dev.muninn.server.routing.InteractionType;
import dev.muninn.server.runtime.ProviderCooldowns;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAI-compatible gateway, called by {@link GatewayFilter} on the request's own thread and
 * written against the servlet API: the body is parsed once, only {@code model} and the options
 * the request leaves unset are written into it, and an OpenAI-format upstream's answer (JSON or
 * SSE) is relayed byte for byte. Only Anthropic upstreams are translated, by core's transport.
 */
@Component
class GatewayController {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(GatewayController.class);

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final Callers callers;
    private final GatewayRoutes routes;
    private final UpstreamClient client;
    private final ProviderTransport transport;
    private final GatewayMetrics metrics;
    private final ProviderCooldowns cooldowns;

    GatewayController(Callers callers, GatewayRoutes routes, UpstreamClient client, ProviderTransport transport,
            GatewayMetrics metrics, ProviderCooldowns cooldowns) {
        this.cooldowns = cooldowns;
        this.callers = callers;
        this.routes = routes;
        this.client = client;
        this.transport = transport;
        this.metrics = metrics;
    }

    void models(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            callers.authenticate(request);
        } catch (GatewayException e) {
            writeError(response, e);
            return;
        }
        byte[] body = routes.modelList();
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    void model(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            callers.authenticate(request);
            String id = java.net.URLDecoder.decode(request.getRequestURI().substring(GatewayFilter.MODELS.length() + 1),
                    StandardCharsets.UTF_8);
            byte[] body = routes.model(id);
            if (body == null) {
                throw GatewayException.modelNotFound(id);
            }
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } catch (GatewayException e) {
            writeError(response, e);
        }
    }

    /** Anything else under /v1 answers in OpenAI's error shape, not the server's default error page. */
    void unknown(HttpServletRequest request, HttpServletResponse response) throws IOException {
        writeError(response, new GatewayException(404, "invalid_request_error", "unknown_url", null,
                "Unknown request URL: " + request.getMethod() + " " + request.getRequestURI()
                        + ". Muninn serves /v1/chat/completions, /v1/embeddings and /v1/models", false));
    }

    void chatCompletions(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        Upstream upstream = null;
        try {
            Caller caller = callers.authenticate(request);
            ObjectNode body = parse(request);
            String name = modelName(body);
            JsonNode streamField = body.get("stream");
            if (streamField != null && !streamField.isBoolean() && !streamField.isNull()) {
                throw GatewayException.invalid("stream", "invalid_type", "'stream' must be a boolean");
            }
            boolean stream = streamField != null && streamField.asBoolean();
            upstream = routes.resolve(name, userOf(caller, body, request));
            if (upstream.kind() == InteractionType.Kind.EMBEDDINGS) {
                throw GatewayException.invalid("model", "invalid_value", "'" + name
                        + "' is an embeddings interaction type; use /v1/embeddings");
            }
            List<Upstream> candidates = upstream.candidates();
            // Each attempt writes model and options into the body, so a route with fallbacks keeps the original.
            ObjectNode original = candidates.size() > 1 ? body.deepCopy() : null;
            for (int i = 0; i < candidates.size(); i++) {
                Upstream candidate = candidates.get(i);
                boolean last = i == candidates.size() - 1;
                if (!last && cooldowns.coolingDown(candidate.provider().id())) {
                    // failing repeatedly: skipped for its cooldown unless it is the last option
                    log.info("Gateway: skipping provider '{}' for '{}': cooling down after repeated failures",
                            candidate.providerName(), name);
                    continue;
                }
                upstream = candidate;
                try {
                    chatOnce(candidate, i == 0 ? body : original.deepCopy(), stream, response, started);
                    cooldowns.succeeded(candidate.provider().id());
                    return;
                } catch (GatewayException e) {
                    if (e.retryable()) {
                        cooldowns.failed(candidate.provider().id());
                    }
                    if (last || !e.retryable()) {
                        throw e;
                    }
                    candidate.meters().fellBack(e.code());
                    log.warn("Gateway attempt {} for '{}' on {}/{} failed ({}: {}); trying the next fallback", i + 1, name,
                            candidate.providerName(), candidate.modelId(), e.code(), e.getMessage());
                }
            }
        } catch (GatewayException e) {
            fail(response, upstream, e, started);
        }
    }

    void embeddings(HttpServletRequest request, HttpServletResponse response) throws IOException {
        long started = System.nanoTime();
        Upstream upstream = null;
        try {
            Caller caller = callers.authenticate(request);
            ObjectNode body = parse(request);
            String name = modelName(body);
            upstream = routes.resolve(name, userOf(caller, body, request));
            if (upstream.kind() == InteractionType.Kind.CHAT) {
                throw GatewayException.invalid("model", "invalid_value", "'" + name
                        + "' is a chat interaction type; use an embeddings type");
            }
            RequestChecks.embeddings(upstream.target(), body.get("input"), upstream.anthropic());
            for (Map.Entry<String, JsonNode> option : upstream.embeddingOptions().entrySet()) {
                if (!body.has(option.getKey())) {
                    body.set(option.getKey(), option.getValue());
                }
            }
            body.put("model", upstream.modelId());
            relay(upstream, upstream.embeddingsUri(), bytes(body), response, started);
        } catch (GatewayException e) {
            fail(response, upstream, e, started);
        }
    }

    private void chatOnce(Upstream upstream, ObjectNode body, boolean stream, HttpServletResponse response, long started)
            throws IOException {
        for (Map.Entry<String, JsonNode> option : upstream.chatOptions().entrySet()) {
            String key = option.getKey();
            if (!body.has(key) && (stream || !"stream_options".equals(key))
                    && !("max_tokens".equals(key) && body.has("max_completion_tokens"))) {
                body.set(key, option.getValue());
            }
        }
        RequestChecks.chat(upstream.target(), body, stream);
        body.put("model", upstream.modelId());
        if (upstream.anthropic()) {
            translated(upstream, body, stream, response, started);
        } else if (stream) {
            relayStream(upstream, bytes(body), response, started);
        } else {
            relay(upstream, upstream.chatUri(), bytes(body), response, started);
        }
    }

    /** A whole answer from an OpenAI-format upstream, relayed as received. */
    private void relay(Upstream upstream, java.net.URI uri, byte[] body, HttpServletResponse response, long started)
            throws IOException {
        long sent = System.nanoTime();
        UpstreamClient.Answer answer;
        try {
            answer = client.post(uri, upstream.headers(), body, timeout(upstream));
        } catch (UpstreamClient.UpstreamFailure e) {
            throw unreachable(upstream, e);
        }
        upstream.meters().upstreamLatency().record(System.nanoTime() - sent, java.util.concurrent.TimeUnit.NANOSECONDS);
        if (answer.status() / 100 != 2) {
            throw statusError(upstream, answer.status(), answer.body());
        }
        headers(response, upstream);
        response.setStatus(answer.status());
        response.setContentType(answer.contentType() != null ? answer.contentType() : "application/json");
        response.setContentLength(answer.body().length);
        response.getOutputStream().write(answer.body());
        long[] usage = UsageScanner.scan(answer.body(), 0, answer.body().length);
        upstream.meters().tokens(usage[0], usage[1]);
        upstream.meters().succeeded(started);
    }

    /**
     * An SSE answer from an OpenAI-format upstream, relayed read by read. Whatever arrived is sent
     * as soon as the upstream has nothing more waiting; it is held back only while more bytes are
     * already there, or when the upstream's answer is complete (a declared length reached), where
     * the response's own end sends it, in one write with a length instead of a chunked tail.
     */
    private void relayStream(Upstream upstream, byte[] body, HttpServletResponse response, long started) throws IOException {
        long sent = System.nanoTime();
        UpstreamClient.OpenAnswer answer;
        try {
            answer = client.open(upstream.chatUri(), upstream.headers(), body, timeout(upstream));
        } catch (UpstreamClient.UpstreamFailure e) {
            throw unreachable(upstream, e);
        }
        try (answer) {
            upstream.meters().upstreamLatency().record(System.nanoTime() - sent, java.util.concurrent.TimeUnit.NANOSECONDS);
            InputStream in = answer.body();
            if (answer.status() / 100 != 2) {
                byte[] error;
                try {
                    error = in.readNBytes(MAX_ERROR_BODY);
                } catch (IOException e) {
                    error = new byte[0];
                }
                throw statusError(upstream, answer.status(), error);
            }
            headers(response, upstream);
            response.setStatus(200);
            response.setContentType(answer.contentType() != null ? answer.contentType() : "text/event-stream");
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            OutputStream out = response.getOutputStream();
            byte[] buffer = new byte[8192];
            long length = answer.contentLength();
            long relayed = 0;
            long prompt = -1;
            long completion = -1;
            while (true) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (IOException e) {
                    // Headers are out: all that is left is to say so in the stream, as OpenAI does.
                    writeQuietly(out, response, ("data: " + new String(GatewayException.upstream(502, "upstream_stream_broken",
                            "The upstream stream broke off", false).body(), StandardCharsets.UTF_8) + "\n\n").getBytes(StandardCharsets.UTF_8));
                    upstream.meters().failed("upstream_stream_broken", started);
                    return;
                }
                if (n < 0) {
                    break;
                }
                relayed += n;
                try {
                    out.write(buffer, 0, n);
                    if ((length < 0 || relayed < length) && in.available() == 0) {
                        response.flushBuffer();
                    }
                } catch (IOException e) {
                    // The client left: closing the answer (try-with-resources) aborts the upstream exchange.
                    upstream.meters().failed("client_closed", started);
                    return;
                }
                long[] usage = UsageScanner.scan(buffer, 0, n);
                prompt = usage[0] >= 0 ? usage[0] : prompt;
                completion = usage[1] >= 0 ? usage[1] : completion;
            }
            upstream.meters().tokens(prompt, completion);
            upstream.meters().succeeded(started);
        }
    }

    /** An Anthropic upstream, through core's transport, which translates to and from OpenAI's shapes. */
    private void translated(Upstream upstream, ObjectNode body, boolean stream, HttpServletResponse response, long started)
            throws IOException {
        try {
            if (!stream) {
                ObjectNode answer = transport.chat(upstream.target().connection(), body);
                byte[] bytes = bytes(answer);
                headers(response, upstream);
                response.setStatus(200);
                response.setContentType("application/json");
                response.setContentLength(bytes.length);
                response.getOutputStream().write(bytes);
                JsonNode usage = answer.path("usage");
                upstream.meters().tokens(usage.path("prompt_tokens").asLong(-1), usage.path("completion_tokens").asLong(-1));
                upstream.meters().succeeded(started);
                return;
            }
            CancelSignal cancel = new CancelSignal();
            boolean[] started200 = new boolean[1];
            long[] usage = {-1, -1};
            OutputStream out = response.getOutputStream();
            transport.streamChat(upstream.target().connection(), body, cancel, chunk -> {
                if (!started200[0]) {
                    // Headers go out with the first chunk, so a failure before it is still a plain error answer.
                    started200[0] = true;
                    headers(response, upstream);
                    response.setStatus(200);
                    response.setContentType("text/event-stream");
                    response.setHeader("Cache-Control", "no-cache");
                    response.setHeader("X-Accel-Buffering", "no");
                }
                JsonNode chunkUsage = chunk.get("usage");
                if (chunkUsage != null && chunkUsage.isObject()) {
                    usage[0] = chunkUsage.path("prompt_tokens").asLong(usage[0]);
                    usage[1] = chunkUsage.path("completion_tokens").asLong(usage[1]);
                }
                if (!writeQuietly(out, response, ("data: " + Json.write(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8))) {
                    cancel.cancel(); // the client went away: stop the upstream
                }
            });
            if (cancel.isCancelled()) {
                upstream.meters().failed("client_closed", started);
                return;
            }
            if (!started200[0]) {
                headers(response, upstream);
                response.setStatus(200);
                response.setContentType("text/event-stream");
            }
            writeQuietly(out, response, DONE);
            upstream.meters().tokens(usage[0], usage[1]);
            upstream.meters().succeeded(started);
        } catch (ProviderException e) {
            if (response.isCommitted()) {
                writeQuietly(response.getOutputStream(), response, ("data: " + new String(GatewayException.upstream(502,
                        "upstream_stream_broken", e.getMessage(), false).body(), StandardCharsets.UTF_8) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                upstream.meters().failed("upstream_stream_broken", started);
                return;
            }
            throw fromProvider(e);
        }
    }

    private static GatewayException fromProvider(ProviderException e) {
        return switch (e.kind()) {
            case TIMEOUT -> GatewayException.upstream(504, "upstream_timeout", e.getMessage(), true);
            case UNREACHABLE -> GatewayException.upstream(502, "upstream_unreachable", e.getMessage(), true);
            case UPSTREAM_STATUS -> {
                int status = e.status() == null ? 502 : e.status();
                if (status == 429) {
                    yield new GatewayException(429, "rate_limit_error", "rate_limit_exceeded", null, e.getMessage(), true);
                }
                if (status >= 500 || status == 401 || status == 403) {
                    yield GatewayException.upstream(502, "upstream_error", e.getMessage(), status >= 500);
                }
                yield new GatewayException(status, "invalid_request_error", "upstream_rejected", null, e.getMessage(), false);
            }
            default -> GatewayException.upstream(502, "upstream_error", e.getMessage(), false);
        };
    }

    private static GatewayException unreachable(Upstream upstream, UpstreamClient.UpstreamFailure e) {
        String message = "Provider " + upstream.providerName() + ": " + e.getMessage();
        return e.timeout() ? GatewayException.upstream(504, "upstream_timeout", message, true)
                : GatewayException.upstream(502, "upstream_unreachable", message, true);
    }

    /** An upstream error status. 429 and 5xx may fall back; other 4xx are the caller's to fix and pass through. */
    private static GatewayException statusError(Upstream upstream, int status, byte[] body) {
        String text = ProviderException.sanitize(new String(body, 0, Math.min(body.length, 2000), StandardCharsets.UTF_8),
                upstream.target().connection().apiKey());
        String message = "Provider " + upstream.providerName() + " answered " + status;
        String upstreamMessage = upstreamMessage(text);
        if (upstreamMessage != null) {
            message += ": " + upstreamMessage;
        }
        if (status == 429) {
            return new GatewayException(429, "rate_limit_error", "rate_limit_exceeded", null, message, true);
        }
        if (status >= 500) {
            return GatewayException.upstream(502, "upstream_error", message, true);
        }
        if (status == 401 || status == 403) {
            // The provider refused Muninn's key: the caller can do nothing about it, so not 401.
            return GatewayException.upstream(502, "upstream_auth_failed", message, false);
        }
        return new GatewayException(status, "invalid_request_error", "upstream_rejected", null, message, false);
    }

    private static String upstreamMessage(String text) {
        try {
            JsonNode json = Json.mapper().readTree(text);
            JsonNode message = json.path("error").path("message");
            return message.isString() ? message.asString() : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    private void fail(HttpServletResponse response, Upstream upstream, GatewayException e, long started) throws IOException {
        if (upstream != null) {
            upstream.meters().failed(e.code(), started);
            headers(response, upstream);
        } else {
            metrics.rejected(e.code(), started);
        }
        writeError(response, e);
    }

    private static void writeError(HttpServletResponse response, GatewayException e) throws IOException {
        byte[] body = e.body();
        response.setStatus(e.status());
        if (e.status() == 401) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void headers(HttpServletResponse response, Upstream upstream) {
        response.setHeader("X-Muninn-Provider", upstream.providerName());
        response.setHeader("X-Muninn-Model", upstream.modelId());
        if (upstream.interactionType() != null) {
            response.setHeader("X-Muninn-Interaction-Type", upstream.interactionType());
        }
        response.setHeader("X-Muninn-Source", upstream.source());
    }

    private static boolean writeQuietly(OutputStream out, HttpServletResponse response, byte[] bytes) {
        try {
            out.write(bytes);
            response.flushBuffer();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ObjectNode parse(HttpServletRequest request) {
        JsonNode body;
        try (InputStream in = request.getInputStream()) {
            body = Json.mapper().readTree(in);
        } catch (JacksonException | IOException e) {
            throw GatewayException.invalid(null, "invalid_json", "We could not parse the JSON body of your request");
        }
        if (body == null || !body.isObject()) {
            throw GatewayException.invalid(null, "invalid_json", "The body must be a JSON object");
        }
        return (ObjectNode) body;
    }

    private static String modelName(ObjectNode body) {
        JsonNode model = body.get("model");
        if (model == null || !model.isString() || model.asString().isBlank()) {
            throw GatewayException.invalid("model", "missing_required_parameter",
                    "'model' is required: an interaction type, a model key or provider/model");
        }
        return model.asString();
    }

    /** A user-bound key speaks for its user; a service token may name one. */
    private static String userOf(Caller caller, ObjectNode body, HttpServletRequest request) {
        if (!caller.serviceToken()) {
            return caller.userId();
        }
        String header = request.getHeader(Callers.USER_HEADER);
        if (header != null && !header.isBlank()) {
            return header.strip();
        }
        JsonNode user = body.get("user");
        return user != null && user.isString() && !user.asString().isBlank() ? user.asString().strip() : null;
    }

    private static Duration timeout(Upstream upstream) {
        return upstream.target().connection().requestTimeout();
    }

    private static byte[] bytes(JsonNode body) {
        return Json.mapper().writeValueAsBytes(body);
    }
}
