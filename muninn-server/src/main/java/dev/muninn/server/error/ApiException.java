package dev.muninn.server.error;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * A request that cannot be carried out, answered as RFC 9457 problem+json. Each
 * violation names the field and the rule it broke, so a client can show it in place.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldViolation> violations;
    private final Map<String, Object> properties;

    public ApiException(HttpStatus status, String title, String detail, List<FieldViolation> violations,
            Map<String, Object> properties) {
        super(detail);
        this.status = status;
        this.title = title;
        this.violations = List.copyOf(violations);
        this.properties = Map.copyOf(properties);
    }

    public static ApiException invalid(String field, String rule, String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", detail,
                List.of(new FieldViolation(field, rule, detail)), Map.of());
    }

    public static ApiException invalid(List<FieldViolation> violations) {
        String detail = violations.size() == 1 ? violations.get(0).message()
                : violations.size() + " fields are invalid";
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request", detail, violations, Map.of());
    }

    public static ApiException notFound(String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " '" + id + "' does not exist",
                List.of(), Map.of());
    }

    public static ApiException notFound(String field, String what, Object id) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " '" + id + "' does not exist",
                List.of(new FieldViolation(field, "exists", what + " '" + id + "' does not exist")), Map.of());
    }

    public static ApiException conflict(String field, String rule, String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail,
                List.of(new FieldViolation(field, rule, detail)), Map.of());
    }

    public static ApiException conflict(String detail, Map<String, Object> properties) {
        return new ApiException(HttpStatus.CONFLICT, "Conflict", detail, List.of(), properties);
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    public Map<String, Object> properties() {
        return properties;
    }
}
