package dev.muninn.server.mock;

/** Ends a mock request with an OpenAI error body. */
final class MockLlmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;
    private final String param;
    private final String code;

    MockLlmException(int status, String type, String message, String param, String code) {
        super(message);
        this.status = status;
        this.type = type;
        this.param = param;
        this.code = code;
    }

    static MockLlmException invalidRequest(String message, String param) {
        return new MockLlmException(400, "invalid_request_error", message, param, null);
    }

    static MockLlmException requested(int status) {
        return new MockLlmException(status, typeFor(status), "Mock failure requested with /fail " + status, null, null);
    }

    int status() {
        return status;
    }

    OpenAi.ErrorResponse body() {
        return new OpenAi.ErrorResponse(new OpenAi.Error(getMessage(), type, param, code));
    }

    private static String typeFor(int status) {
        return switch (status) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? "server_error" : "invalid_request_error";
        };
    }
}
