package dev.muninn.server.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.muninn.server.error.ApiException;
import dev.muninn.server.error.FieldViolation;

/**
 * The API's validation errors, keyed by the form field they concern, so a page shows each one
 * next to its control. A violation of {@code headers.X-Key} or {@code llm_options_overrides.model}
 * belongs to the whole JSON field; one without a field (or naming a field the form lacks) is
 * shown above the form.
 */
record FormErrors(Map<String, String> fields, List<String> general) {

    static final FormErrors NONE = new FormErrors(Map.of(), List.of());

    /** @param aliases API field name to the form field that edits it (api_base_url to base_url, say) */
    static FormErrors of(ApiException e, List<String> formFields, Map<String, String> aliases) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (FieldViolation v : e.violations()) {
            String field = v.field() == null ? null : formField(v.field(), aliases);
            if (field != null && formFields.contains(field)) {
                fields.merge(field, v.message(), (a, b) -> a + " " + b);
            } else {
                general.add(v.message());
            }
        }
        if (e.violations().isEmpty()) {
            general.add(e.getMessage());
        }
        return new FormErrors(fields, general);
    }

    static FormErrors of(ApiException e, List<String> formFields) {
        return of(e, formFields, Map.of());
    }

    static FormErrors general(String message) {
        return new FormErrors(Map.of(), List.of(message));
    }

    static FormErrors field(String field, String message) {
        return new FormErrors(Map.of(field, message), List.of());
    }

    private static String formField(String apiField, Map<String, String> aliases) {
        int dot = apiField.indexOf('.');
        String head = dot < 0 ? apiField : apiField.substring(0, dot);
        return aliases.getOrDefault(head, head);
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public String of(String field) {
        return fields.get(field);
    }

    public boolean any() {
        return !fields.isEmpty() || !general.isEmpty();
    }
}
