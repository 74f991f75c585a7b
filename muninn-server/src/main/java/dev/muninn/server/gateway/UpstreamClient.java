package dev.muninn.server.gateway;

import java.io.Closeable;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;

/**
 * Sends one POST to an OpenAI-format upstream and hands back the raw answer, so the gateway can
 * relay bytes without parsing them. Two implementations exist so the benchmark can compare them.
 * Failures before a response are {@link UpstreamFailure}s.
 */
interface UpstreamClient {

    /** A whole answer. */
    record Answer(int status, String contentType, byte[] body) {
    }

    /** An open answer; the caller reads {@link #body()} and must close it. */
    interface OpenAnswer extends Closeable {
        int status();

        String contentType();

        /** The declared Content-Length, or -1 (chunked, or until the connection closes). */
        long contentLength();

        InputStream body();

        @Override
        void close();
    }

    /** @param headers name, value, name, value... */
    Answer post(URI uri, String[] headers, byte[] body, Duration timeout);

    OpenAnswer open(URI uri, String[] headers, byte[] body, Duration timeout);

    /** The upstream could not be reached or did not answer in time. */
    final class UpstreamFailure extends RuntimeException {

        private final boolean timeout;

        UpstreamFailure(boolean timeout, String message, Throwable cause) {
            super(message, cause, false, false);
            this.timeout = timeout;
        }

        boolean timeout() {
            return timeout;
        }
    }
}
