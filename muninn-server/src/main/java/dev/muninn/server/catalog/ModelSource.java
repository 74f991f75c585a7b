package dev.muninn.server.catalog;

/** Where a model entry came from; discovery refreshes only what nobody edited. */
public enum ModelSource {
    DISCOVERED, MANUAL, SEEDED;

    public String value() {
        return name().toLowerCase();
    }
}
