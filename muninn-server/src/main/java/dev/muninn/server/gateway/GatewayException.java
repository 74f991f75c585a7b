package dev.muninn.server.gateway;

import java.nio.charset.StandardCharsets;

import dev.muninn.server.json.Json;

/**
 * A request the gateway answers with an error, in OpenAI's shape
 * {@code {"error":{"message","type","param","code"}}} so the official SDKs raise their usual exceptions.
 */
final class GatewayException extends RuntimeException {

    private final int status;
    private final String type;
    private final String param;
    private final String code;
    /** Set when a fallback may try the next target: nothing has reached the client yet and the failure is transient. */
    private final boolean retryable;

    GatewayException(int status, String type, String code, String param, String message, boolean retryable) {
        super(message, null, false, false); // no stack trace: these are answers, not bugs
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
        this.retryable = retryable;
    }

    static GatewayException invalid(String param, String code, String message) {
        return new GatewayException(400, "invalid_request_error", code, param, message, false);
    }

    static GatewayException unauthorized(String message) {
        return new GatewayException(401, "authentication_error", "invalid_api_key", null, message, false);
    }

    static GatewayException modelNotFound(String model) {
        return new GatewayException(404, "invalid_request_error", "model_not_found", "model",
                "The model '" + model + "' does not exist: use an interaction type, a model key or provider/model"
                        + " (GET /v1/models lists them)", false);
    }

    static GatewayException upstream(int status, String code, String message, boolean retryable) {
        return new GatewayException(status, "upstream_error", code, null, message, retryable);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    boolean retryable() {
        return retryable;
    }

    byte[] body() {
        var error = Json.mapper().createObjectNode();
        var inner = error.putObject("error");
        inner.put("message", getMessage());
        inner.put("type", type);
        inner.put("param", param);
        inner.put("code", code);
        return Json.write(error).getBytes(StandardCharsets.UTF_8);
    }
}
