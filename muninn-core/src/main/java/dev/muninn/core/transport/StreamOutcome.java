package dev.muninn.core.transport;

/** How a stream ended when it did not fail. */
public enum StreamOutcome {
    /** The upstream sent its end marker; every chunk was delivered. */
    COMPLETED,
    /** The consumer cancelled; the upstream body was closed. */
    CANCELLED
}
