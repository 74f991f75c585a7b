package dev.muninn.server.secret;

/** A configured master key is unusable. The message names its source, never its value. */
final class InvalidMasterKeyException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    InvalidMasterKeyException(String message) {
        super(message);
    }
}
