package dev.muninn.server.error;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every failure of the admin API into RFC 9457 problem+json. Field problems carry an
 * {@code errors} list of {field, rule, message}; unexpected failures never echo their message,
 * since it might quote a value a user sent.
 */
@RestControllerAdvice(basePackages = "dev.muninn.server")
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.title());
        problem.setType(URI.create("https://muninn.dev/problems/" + typeOf(e)));
        if (!e.violations().isEmpty()) {
            problem.setProperty("errors", e.violations());
        }
        e.properties().forEach(problem::setProperty);
        return ResponseEntity.status(e.status()).body(problem);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return api(ApiException.invalid(e.getName(), "type",
                "'" + e.getName() + "' must be a valid " + simpleType(e.getRequiredType())));
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<ProblemDetail> staleVersion(OptimisticLockingFailureException e) {
        return api(ApiException.conflict("version", "current",
                "The record was changed by someone else; reload it and try again"));
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<ProblemDetail> integrity(DataIntegrityViolationException e) {
        log.warn("Refused a change that breaks a database constraint: {}", e.getMostSpecificCause().getClass().getName());
        return api(ApiException.conflict(null, "integrity",
                "The change conflicts with existing data (a duplicate or a reference still in use)"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        log.error("Unexpected failure handling a request", e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred; the server log has the details");
        return ResponseEntity.internalServerError().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = e.getMostSpecificCause();
        FieldViolation violation;
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            violation = new FieldViolation(pathOf(databind), "type", "'" + pathOf(databind) + "' has the wrong type or an unknown name");
        } else if (cause instanceof JacksonException) {
            violation = new FieldViolation(null, "json", "The body is not valid JSON");
        } else {
            violation = new FieldViolation(null, "json", "The request body is missing or unreadable");
        }
        ApiException api = ApiException.invalid(List.of(violation));
        return ResponseEntity.badRequest().body(api(api).getBody());
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(api(ApiException.invalid(e.getParameterName(), "required",
                "'" + e.getParameterName() + "' is required")).getBody());
    }

    private static String pathOf(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String simpleType(Class<?> type) {
        return type == null ? "value" : type.getSimpleName().equals("UUID") ? "UUID" : type.getSimpleName().toLowerCase();
    }

    private static String typeOf(ApiException e) {
        return switch (e.status()) {
            case NOT_FOUND -> "not-found";
            case CONFLICT -> "conflict";
            default -> "invalid-request";
        };
    }

}
