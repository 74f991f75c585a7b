package dev.muninn.server.ui;

/** A preset as its form shows it: {@code id} is null for the "new preset" form. */
record PresetForm(String id, String key, String options, String comment, String version, FormErrors errors,
        String status) {

    public String idPrefix() {
        return id == null ? "preset-new" : "preset-" + id;
    }
}
