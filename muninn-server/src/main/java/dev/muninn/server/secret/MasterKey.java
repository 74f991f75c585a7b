package dev.muninn.server.secret;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A 256-bit master key and its id, the first 8 hex characters of its SHA-256, which
 * references carry so that the right key is found after a rotation.
 */
record MasterKey(String id, byte[] bytes) {

    static final int LENGTH = 32;

    static MasterKey of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a master key has " + LENGTH + " bytes, not " + bytes.length);
        }
        return new MasterKey(idOf(bytes), bytes.clone());
    }

    private static String idOf(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    // Keeps key material out of logs and debugger views.
    @Override
    public String toString() {
        return "MasterKey[id=" + id + "]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MasterKey key && key.id.equals(id)
                && MessageDigest.isEqual(key.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
