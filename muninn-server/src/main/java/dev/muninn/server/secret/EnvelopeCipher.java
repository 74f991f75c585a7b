package dev.muninn.server.secret;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption: each value gets a fresh 256-bit data key, which encrypts it with
 * AES-256-GCM; the data key is wrapped with AES-256-GCM under the master key. Both
 * layers bind the owner id as associated data, so a reference copied to another row does
 * not open. Reference: {@code enc:v1:<keyId>:<nonce+wrapped data key>:<nonce+ciphertext>},
 * base64url without padding.
 */
final class EnvelopeCipher {

    static final String PREFIX = "enc:v1:";

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final Pattern KEY_ID = Pattern.compile("[0-9a-f]{8}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final MasterKeys keys;
    private final SecureRandom random;

    EnvelopeCipher(MasterKeys keys, SecureRandom random) {
        this.keys = keys;
        this.random = random;
    }

    String currentKeyId() {
        return keys.current().id();
    }

    String seal(UUID ownerId, String plaintext) {
        MasterKey master = keys.current();
        byte[] dataKey = new byte[MasterKey.LENGTH];
        random.nextBytes(dataKey);
        byte[] masterBytes = master.bytes();
        try {
            byte[] value = encrypt(dataKey, plaintext.getBytes(StandardCharsets.UTF_8), valueAad(ownerId));
            byte[] wrapped = encrypt(masterBytes, dataKey, dataKeyAad(master.id(), ownerId));
            return PREFIX + master.id() + ":" + ENCODER.encodeToString(wrapped) + ":" + ENCODER.encodeToString(value);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            Arrays.fill(masterBytes, (byte) 0);
        }
    }

    String open(UUID ownerId, String reference) {
        String[] parts = reference.substring(PREFIX.length()).split(":", -1);
        if (parts.length != 3 || !KEY_ID.matcher(parts[0]).matches()) {
            throw new SecretUnavailableException("malformed secret reference");
        }
        String keyId = parts[0];
        MasterKey master = keys.find(keyId).orElseThrow(() -> new SecretUnavailableException(
                "secret was sealed with master key " + keyId + ", which is not configured;"
                        + " add it to muninn.secrets.previous-master-keys"));
        byte[] masterBytes = master.bytes();
        byte[] dataKey = null;
        byte[] plaintext = null;
        try {
            dataKey = decrypt(masterBytes, decode(parts[1]), dataKeyAad(keyId, ownerId));
            plaintext = decrypt(dataKey, decode(parts[2]), valueAad(ownerId));
            return new String(plaintext, StandardCharsets.UTF_8);
        } finally {
            Arrays.fill(masterBytes, (byte) 0);
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
            if (plaintext != null) {
                Arrays.fill(plaintext, (byte) 0);
            }
        }
    }

    private byte[] encrypt(byte[] key, byte[] data, byte[] aad) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad);
            byte[] sealed = cipher.doFinal(data);
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM encryption failed", e);
        }
    }

    private static byte[] decrypt(byte[] key, byte[] nonceAndCiphertext, byte[] aad) {
        if (nonceAndCiphertext.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretUnavailableException("malformed secret reference");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, nonceAndCiphertext, 0, NONCE_BYTES));
            cipher.updateAAD(aad);
            return cipher.doFinal(nonceAndCiphertext, NONCE_BYTES, nonceAndCiphertext.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SecretUnavailableException(
                    "secret reference could not be opened: it was sealed for another owner or has been altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-GCM decryption failed", e);
        }
    }

    private static byte[] decode(String part) {
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character; drop it.
            throw new SecretUnavailableException("malformed secret reference");
        }
    }

    private static byte[] valueAad(UUID ownerId) {
        return ("muninn:secret:v1:" + ownerId).getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] dataKeyAad(String keyId, UUID ownerId) {
        return ("muninn:data-key:v1:" + keyId + ":" + ownerId).getBytes(StandardCharsets.US_ASCII);
    }
}
