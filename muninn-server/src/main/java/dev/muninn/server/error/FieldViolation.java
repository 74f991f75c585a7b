package dev.muninn.server.error;

/** One broken rule: the JSON field (snake_case path), the rule's name and a sentence for people. */
public record FieldViolation(String field, String rule, String message) {
}
