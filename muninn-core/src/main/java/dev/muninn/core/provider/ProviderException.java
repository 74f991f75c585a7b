package dev.muninn.core.provider;

/**
 * A call to a provider failed. The message is safe to show and log: it is built from the
 * upstream error's own message, truncated, with any API key scrubbed out.
 */
public class ProviderException extends RuntimeException {

    /** What went wrong, coarse enough for a caller to decide what to do. */
    public enum Kind {
        /** No response (or no next stream chunk) within the request timeout. */
        TIMEOUT,
        /** The server could not be reached: refused, unknown host, connect timeout, reset before a response. */
        UNREACHABLE,
        /** The server answered with an HTTP error status; see {@link #status()}. */
        UPSTREAM_STATUS,
        /** A stream ended or failed before its end marker. */
        BROKEN_STREAM,
        /** The server answered 2xx but the body was not what the API promises. */
        INVALID_RESPONSE
    }

    private static final int MAX_MESSAGE_LENGTH = 500;

    private final Kind kind;
    private final Integer status;

    public ProviderException(Kind kind, Integer status, String message) {
        super(message);
        this.kind = kind;
        this.status = status;
    }

    public ProviderException(Kind kind, Integer status, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
    }

    public Kind kind() {
        return kind;
    }

    /** The upstream HTTP status, null when the server never answered. */
    public Integer status() {
        return status;
    }

    /**
     * Makes upstream text fit for messages and logs: removes the key (and anything shaped like
     * an OpenAI or Anthropic secret, since some servers echo what they were sent), collapses
     * whitespace and truncates.
     */
    public static String sanitize(String text, String apiKey) {
        if (text == null) {
            return "";
        }
        String result = text;
        if (apiKey != null && !apiKey.isEmpty()) {
            result = result.replace(apiKey, "***");
        }
        result = result.replaceAll("sk-[A-Za-z0-9_\\-]{6,}", "sk-***");
        result = result.replaceAll("\\s+", " ").trim();
        if (result.length() > MAX_MESSAGE_LENGTH) {
            result = result.substring(0, MAX_MESSAGE_LENGTH) + "...";
        }
        return result;
    }
}
