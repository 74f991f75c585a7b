package dev.muninn.core.transport;

import dev.muninn.core.provider.ProviderConnection;
import dev.muninn.core.provider.ProviderException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads server-sent events line by line and hands each {@code data:} payload on at once, so
 * nothing is buffered whole. Also enforces an idle timeout: the JDK client's request timeout
 * stops at the response headers, and an upstream that stalls mid-stream must not hang a thread.
 */
final class SseStream {

    /** Handles one data payload; returns true when it was the end marker. */
    interface DataHandler {
        boolean onData(String data);
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "muninn-stream-watchdog");
        thread.setDaemon(true);
        return thread;
    });

    private SseStream() {
    }

    static StreamOutcome read(InputStream body, ProviderConnection connection, CancelSignal cancel,
                              DataHandler handler) {
        if (body == null) {
            return StreamOutcome.CANCELLED; // cancelled before the response headers arrived
        }
        long idleNanos = connection.requestTimeout().toNanos();
        AtomicLong lastActivity = new AtomicLong(System.nanoTime());
        AtomicBoolean idleTimedOut = new AtomicBoolean();
        long periodMillis = Math.max(20, connection.requestTimeout().toMillis() / 4);
        ScheduledFuture<?> watchdog = WATCHDOG.scheduleAtFixedRate(() -> {
            if (System.nanoTime() - lastActivity.get() > idleNanos && idleTimedOut.compareAndSet(false, true)) {
                closeQuietly(body);
            }
        }, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
        cancel.attach(body);
        String prefix = UpstreamHttp.prefix(connection);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lastActivity.set(System.nanoTime());
                if (cancel.isCancelled()) {
                    return StreamOutcome.CANCELLED;
                }
                if (!line.startsWith("data:")) {
                    continue; // event names, comments (keep-alives) and blank separators
                }
                String data = line.substring(5).trim();
                if (!data.isEmpty() && handler.onData(data)) {
                    return StreamOutcome.COMPLETED;
                }
            }
            if (cancel.isCancelled()) {
                return StreamOutcome.CANCELLED;
            }
            if (idleTimedOut.get()) {
                throw idleTimeout(connection, null);
            }
            throw new ProviderException(ProviderException.Kind.BROKEN_STREAM, null,
                    prefix + "stream ended before its end marker");
        } catch (IOException e) {
            if (cancel.isCancelled()) {
                return StreamOutcome.CANCELLED;
            }
            if (idleTimedOut.get()) {
                throw idleTimeout(connection, e);
            }
            throw new ProviderException(ProviderException.Kind.BROKEN_STREAM, null,
                    prefix + "stream broke off: " + ProviderException.sanitize(
                            e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(),
                            connection.apiKey()), e);
        } finally {
            watchdog.cancel(false);
            cancel.detach();
            closeQuietly(body);
        }
    }

    private static ProviderException idleTimeout(ProviderConnection connection, Throwable cause) {
        return new ProviderException(ProviderException.Kind.TIMEOUT, null, UpstreamHttp.prefix(connection)
                + "no stream data within " + connection.requestTimeout().toMillis() + " ms", cause);
    }

    private static void closeQuietly(InputStream body) {
        try {
            body.close();
        } catch (IOException | RuntimeException ignored) {
            // Best effort; the reader fails on its next read either way.
        }
    }
}
