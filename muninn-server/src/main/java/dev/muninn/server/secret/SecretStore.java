package dev.muninn.server.secret;

import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns API keys into references that are safe to keep in the database, and back.
 *
 * <p>References:
 * <ul>
 *   <li>{@code enc:v1:<keyId>:<wrapped data key>:<ciphertext>}: made by {@link #seal}, envelope
 *       encryption under the master key, bound to the owner (for example the provider id);</li>
 *   <li>{@code env:NAME}: the key is read from environment variable {@code NAME} at each use.
 *       Store these as they are; they need no sealing.</li>
 * </ul>
 * A null or blank reference means "no key set".
 *
 * <p>Messages of exceptions thrown here never contain a plaintext key or a reference.
 */
public final class SecretStore {

    private static final Pattern ENV_REFERENCE = Pattern.compile("env:([A-Za-z_][A-Za-z0-9_]*)");
    private static final int SHORTEST_KEY_SHOWING_LAST_FOUR = 8;

    private final EnvelopeCipher cipher;
    private final UnaryOperator<String> environment;

    SecretStore(EnvelopeCipher cipher, UnaryOperator<String> environment) {
        this.cipher = cipher;
        this.environment = environment;
    }

    /**
     * A store with a fresh random master key that lives only as long as the store, for tests
     * of other features; {@code environment} resolves {@code env:} references.
     */
    public static SecretStore withRandomMasterKey(UnaryOperator<String> environment) {
        SecureRandom random = new SecureRandom();
        byte[] key = new byte[MasterKey.LENGTH];
        random.nextBytes(key);
        return new SecretStore(new EnvelopeCipher(MasterKeys.of(MasterKey.of(key), List.of()), random), environment);
    }

    /** Encrypts {@code plaintext} for {@code ownerId}; the result opens only for that owner. */
    public String seal(UUID ownerId, String plaintext) {
        Objects.requireNonNull(ownerId, "ownerId");
        if (plaintext == null || plaintext.isEmpty()) {
            throw new IllegalArgumentException("an empty secret cannot be sealed");
        }
        return cipher.seal(ownerId, plaintext);
    }

    /**
     * The plaintext behind {@code reference}, or null if the reference is null or blank.
     *
     * @throws SecretUnavailableException if the environment variable is not set, the
     *     reference was sealed for another owner or under an unknown master key, or it is
     *     not a reference at all
     */
    public String open(UUID ownerId, String reference) {
        if (reference == null || reference.isBlank()) {
            return null;
        }
        Matcher env = ENV_REFERENCE.matcher(reference);
        if (env.matches()) {
            String value = environment.apply(env.group(1));
            if (value == null || value.isEmpty()) {
                throw new SecretUnavailableException("environment variable " + env.group(1) + " is not set");
            }
            return value;
        }
        if (reference.startsWith(EnvelopeCipher.PREFIX)) {
            Objects.requireNonNull(ownerId, "ownerId");
            return cipher.open(ownerId, reference);
        }
        throw new SecretUnavailableException("not a secret reference; expected enc:v1:... or env:NAME");
    }

    /**
     * The last four characters of the key, for showing that a key is set; null if the
     * reference is null or blank, and empty for keys shorter than eight characters, where
     * four characters would give away too much.
     *
     * @throws SecretUnavailableException as {@link #open}
     */
    public String lastFour(UUID ownerId, String reference) {
        String plaintext = open(ownerId, reference);
        if (plaintext == null) {
            return null;
        }
        if (plaintext.length() < SHORTEST_KEY_SHOWING_LAST_FOUR) {
            return "";
        }
        return plaintext.substring(plaintext.length() - 4);
    }

    /** Whether {@code reference} is an {@code env:NAME} reference, stored as is. */
    public boolean isEnvReference(String reference) {
        return reference != null && ENV_REFERENCE.matcher(reference).matches();
    }

    /**
     * Whether {@code reference} was sealed under an older master key, so a rotation job
     * can open and seal it again under the current one.
     */
    public boolean needsResealing(String reference) {
        return reference != null && reference.startsWith(EnvelopeCipher.PREFIX)
                && !reference.startsWith(EnvelopeCipher.PREFIX + cipher.currentKeyId() + ":");
    }
}
