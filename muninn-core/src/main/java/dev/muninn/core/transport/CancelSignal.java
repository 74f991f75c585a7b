package dev.muninn.core.transport;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a consumer stop a stream from any thread, e.g. when its own client disconnects.
 * Cancelling closes the upstream response body, so the provider stops generating
 * (and billing) at once instead of at the next chunk the consumer would have read.
 */
public final class CancelSignal {

    private final AtomicBoolean cancelled = new AtomicBoolean();
    private volatile Closeable upstream;

    public void cancel() {
        if (cancelled.compareAndSet(false, true)) {
            closeQuietly(upstream);
        }
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Ties the signal to an open upstream body; closes it right away when already cancelled. */
    void attach(Closeable body) {
        upstream = body;
        if (cancelled.get()) {
            closeQuietly(body);
        }
    }

    void detach() {
        upstream = null;
    }

    private static void closeQuietly(Closeable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (IOException | RuntimeException ignored) {
            // Closing is best effort: the reader notices either way.
        }
    }
}
