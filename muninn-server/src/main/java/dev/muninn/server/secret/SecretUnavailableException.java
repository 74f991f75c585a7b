package dev.muninn.server.secret;

/**
 * A secret reference could not be turned into its plaintext. The message says why
 * (variable not set, unknown master key, wrong owner, altered reference) and never
 * contains the secret or the reference itself, which might be a mis-stored plaintext.
 */
public final class SecretUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SecretUnavailableException(String message) {
        super(message);
    }
}
