package dev.muninn.server.ui;

import java.util.Map;

import org.springframework.util.MultiValueMap;

import dev.muninn.server.json.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a submitted HTML form into the JSON body the REST API takes, so the services check it
 * exactly as they check an API call. The form only translates: blank text is "not given" or
 * null, numbers and JSON stay text unless they parse, and the service decides what is valid.
 */
final class FormBody {

    private final MultiValueMap<String, String> form;
    private final ObjectNode json = Json.mapper().createObjectNode();

    private FormBody(MultiValueMap<String, String> form) {
        this.form = form;
    }

    static FormBody from(MultiValueMap<String, String> form) {
        return new FormBody(form);
    }

    ObjectNode json() {
        return json;
    }

    String value(String field) {
        String value = form.getFirst(field);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Text: blank is left out (create) or sent as null (edit, to clear it). */
    FormBody text(String field, boolean blankClears) {
        String value = value(field);
        if (value != null) {
            json.put(field, value);
        } else if (blankClears && form.containsKey(field)) {
            json.putNull(field);
        }
        return this;
    }

    /** A number as the user typed it: sent as a number when it parses, else as text for the service to refuse. */
    FormBody number(String field, boolean blankClears) {
        String value = value(field);
        if (value == null) {
            if (blankClears && form.containsKey(field)) {
                json.putNull(field);
            }
            return this;
        }
        // Read as JSON would be, so "1000" is an integer and "0.2" a decimal, exactly as in an API call.
        JsonNode parsed;
        try {
            parsed = Json.mapper().readTree(value);
        } catch (JacksonException e) {
            parsed = null;
        }
        if (parsed != null && parsed.isNumber()) {
            json.set(field, parsed);
        } else {
            json.put(field, value);
        }
        return this;
    }

    /** A checkbox: present means true; absent means false when the form showed it. */
    FormBody checkbox(String field) {
        json.put(field, form.containsKey(field));
        return this;
    }

    /**
     * A JSON object typed into a textarea. Blank means an empty object when {@code blankClears}.
     *
     * @throws InvalidJson when the text is not JSON at all: the one check the form itself must make
     */
    FormBody jsonObject(String field, boolean blankClears) {
        String value = value(field);
        if (value == null) {
            if (blankClears && form.containsKey(field)) {
                json.putObject(field);
            }
            return this;
        }
        try {
            json.set(field, Json.mapper().readTree(value));
        } catch (JacksonException e) {
            throw new InvalidJson(field);
        }
        return this;
    }

    FormBody put(String field, String value) {
        json.put(field, value);
        return this;
    }

    FormBody putAll(Map<String, String> values) {
        values.forEach(json::put);
        return this;
    }

    /** A textarea that does not hold JSON. */
    static final class InvalidJson extends RuntimeException {

        private final String field;

        InvalidJson(String field) {
            super("This is not valid JSON; write an object such as {\"temperature\": 0.7}");
            this.field = field;
        }

        String field() {
            return field;
        }

        FormErrors errors() {
            return FormErrors.field(field, getMessage());
        }
    }

    static JsonNode empty() {
        return Json.mapper().createObjectNode();
    }
}
