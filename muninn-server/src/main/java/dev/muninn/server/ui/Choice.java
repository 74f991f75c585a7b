package dev.muninn.server.ui;

/** One option of a select. */
record Choice(String value, String label, boolean selected) {
}
