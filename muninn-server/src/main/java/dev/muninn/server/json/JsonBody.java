package dev.muninn.server.json;

import java.math.BigDecimal;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.muninn.core.options.ReservedOptionKeys;
import dev.muninn.server.error.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A JSON request body read field by field. Create and PATCH share it: a field that is absent
 * keeps its value, an explicit {@code null} clears it, and every wrong value is refused with
 * the field's name and the rule it broke.
 */
public final class JsonBody {

    private static final BigDecimal MAX_DECIMAL = BigDecimal.valueOf(100_000_000);

    private final ObjectNode node;
    private final Map<String, String> canonicalToGiven;

    private JsonBody(ObjectNode node, Map<String, String> canonicalToGiven) {
        this.node = node;
        this.canonicalToGiven = canonicalToGiven;
    }

    public static JsonBody of(JsonNode node, Set<String> allowedFields) {
        return of(node, allowedFields, Map.of());
    }

    /**
     * Reads a body in which some fields may come under another name ({@code aliases}: alias to
     * canonical name), so both documents' names work; errors name the field as it was sent.
     */
    public static JsonBody of(JsonNode node, Set<String> allowedFields, Map<String, String> aliases) {
        if (node == null || !node.isObject()) {
            throw ApiException.invalid(null, "object", "The body must be a JSON object");
        }
        Map<String, String> canonicalToGiven = new LinkedHashMap<>();
        for (String field : node.propertyNames()) {
            String canonical = aliases.getOrDefault(field, field);
            if (!allowedFields.contains(canonical)) {
                throw ApiException.invalid(field, "known_field", "'" + field + "' is not a known field");
            }
            String earlier = canonicalToGiven.put(canonical, field);
            if (earlier != null) {
                throw ApiException.invalid(field, "exclusive", "Give either '" + earlier + "' or '" + field + "', not both");
            }
        }
        return new JsonBody((ObjectNode) node, canonicalToGiven);
    }

    public boolean has(String field) {
        return canonicalToGiven.containsKey(field);
    }

    public boolean isNull(String field) {
        return has(field) && value(field).isNull();
    }

    private JsonNode value(String field) {
        String given = canonicalToGiven.get(field);
        return given == null ? null : node.get(given);
    }

    private String given(String field) {
        return canonicalToGiven.getOrDefault(field, field);
    }

    /**
     * Optimistic locking: when the body carries {@code version}, it must be the stored one
     * ({@code current}, null for a record that does not exist yet).
     */
    public void expectVersion(Long current, String what) {
        Integer expected = integer("version", 0);
        if (expected != null && current != null && expected != current.longValue()) {
            throw ApiException.conflict("version", "current", "The " + what + " was changed by someone else (version "
                    + current + "); reload it and try again");
        }
    }

    /** The raw JSON value, or null when absent or null. */
    public JsonNode node(String field) {
        JsonNode value = value(field);
        return value == null || value.isNull() ? null : value;
    }

    /** The text, or null when absent or null; blank text is refused. */
    public String text(String field) {
        JsonNode value = value(field);
        field = given(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw ApiException.invalid(field, "type", "'" + field + "' must be a string");
        }
        String text = value.stringValue().strip();
        if (text.isEmpty()) {
            throw ApiException.invalid(field, "not_blank", "'" + field + "' must not be blank");
        }
        return text;
    }

    public String requiredText(String field) {
        String text = text(field);
        field = given(field);
        if (text == null) {
            throw ApiException.invalid(field, "required", "'" + field + "' is required");
        }
        return text;
    }

    public String text(String field, int maxLength) {
        String text = text(field);
        field = given(field);
        if (text != null && text.length() > maxLength) {
            throw ApiException.invalid(field, "max_length",
                    "'" + field + "' must be at most " + maxLength + " characters");
        }
        return text;
    }

    public Boolean bool(String field) {
        JsonNode value = value(field);
        field = given(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            throw ApiException.invalid(field, "type", "'" + field + "' must be true or false");
        }
        return value.booleanValue();
    }

    /** An integer at least {@code min}, or null. */
    public Integer integer(String field, int min) {
        JsonNode value = value(field);
        field = given(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw ApiException.invalid(field, "type", "'" + field + "' must be a whole number");
        }
        int number = value.intValue();
        if (number < min) {
            throw ApiException.invalid(field, min == 0 ? "non_negative" : "minimum",
                    "'" + field + "' must be at least " + min);
        }
        return number;
    }

    /** A number within [min, max], or null. */
    public Double number(String field, double min, double max) {
        JsonNode value = value(field);
        field = given(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw ApiException.invalid(field, "type", "'" + field + "' must be a number");
        }
        double number = value.doubleValue();
        if (number < min || number > max) {
            throw ApiException.invalid(field, "range", "'" + field + "' must be between " + fmt(min) + " and " + fmt(max));
        }
        return number;
    }

    public BigDecimal decimal(String field) {
        JsonNode value = value(field);
        field = given(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isNumber()) {
            throw ApiException.invalid(field, "type", "'" + field + "' must be a number");
        }
        BigDecimal number = value.decimalValue();
        if (number.signum() < 0) {
            throw ApiException.invalid(field, "non_negative", "'" + field + "' must not be negative");
        }
        if (number.compareTo(MAX_DECIMAL) >= 0 || Math.max(number.scale(), 0) > 6) {
            throw ApiException.invalid(field, "range", "'" + field + "' must be below 100000000 with at most 6 decimals");
        }
        return number;
    }

    public UUID uuid(String field) {
        String text = text(field);
        field = given(field);
        if (text == null) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "uuid", "'" + field + "' must be a UUID");
        }
    }

    /** A JSON object, returned as a plain map; null when absent or null. */
    public Map<String, Object> object(String field) {
        JsonNode value = value(field);
        field = given(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw ApiException.invalid(field, "object", "'" + field + "' must be a JSON object");
        }
        return Json.toMap(value);
    }

    /**
     * Stored request options (provider defaults, preset overrides): absent keeps {@code current},
     * null clears, and reserved keys are refused, since each request sets those itself.
     */
    public Map<String, Object> storedOptions(String field, Map<String, Object> current, String usedAs) {
        if (!has(field)) {
            return current;
        }
        Map<String, Object> options = object(field);
        return options == null ? Map.of() : refuseReservedOptions(given(field), options, usedAs);
    }

    /** Refuses reserved option keys in {@code options}, naming {@code field.key}; returns the options. */
    public static Map<String, Object> refuseReservedOptions(String field, Map<String, Object> options, String usedAs) {
        List<String> reserved = ReservedOptionKeys.presentIn(options);
        if (!reserved.isEmpty()) {
            throw ApiException.invalid(field + "." + reserved.get(0), "reserved_key",
                    "'" + reserved.get(0) + "' is set by each request and cannot be " + usedAs + " (reserved: "
                            + String.join(", ", ReservedOptionKeys.RESERVED.stream().sorted().toList()) + ")");
        }
        return options;
    }

    /** A JSON object whose values are all strings (HTTP headers, for example). */
    public Map<String, String> stringMap(String field) {
        JsonNode value = value(field);
        field = given(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            throw ApiException.invalid(field, "object", "'" + field + "' must be a JSON object of strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            if (!entry.getValue().isString()) {
                throw ApiException.invalid(field + "." + entry.getKey(), "type",
                        "'" + field + "." + entry.getKey() + "' must be a string");
            }
            map.put(entry.getKey(), entry.getValue().stringValue());
        }
        return map;
    }

    /** An absolute http(s) URL without a trailing slash, or null. */
    public String httpUrl(String field) {
        String text = text(field, 2000);
        field = given(field);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException();
            }
        } catch (Exception e) {
            throw ApiException.invalid(field, "url", "'" + field + "' must be an absolute http or https URL");
        }
        return text.replaceAll("/+$", "");
    }

    private static String fmt(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
