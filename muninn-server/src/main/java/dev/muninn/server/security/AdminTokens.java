package dev.muninn.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The admin tokens that open {@code /api/**}. {@code MUNINN_ADMIN_TOKEN} always works; without
 * it, a token is generated on first start, printed once and kept only as a SHA-256 hash.
 */
@Component
public class AdminTokens {

    private static final Logger log = LoggerFactory.getLogger(AdminTokens.class);

    private final JdbcClient jdbc;
    private final Set<String> acceptedHashes = ConcurrentHashMap.newKeySet();

    AdminTokens(JdbcClient jdbc, @Value("${muninn.admin-token:}") String configuredToken) {
        this.jdbc = jdbc;
        if (!configuredToken.isBlank()) {
            acceptedHashes.add(hash(configuredToken.strip()));
        }
        acceptedHashes.addAll(jdbc.sql("SELECT token_hash FROM muninn_admin_tokens").query(String.class).list());
        if (acceptedHashes.isEmpty()) {
            generateFirstToken();
        }
    }

    public boolean accepts(String token) {
        return token != null && !token.isBlank() && acceptedHashes.contains(hash(token.strip()));
    }

    private void generateFirstToken() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String token = "mun_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String hash = hash(token);
        jdbc.sql("INSERT INTO muninn_admin_tokens (id, token_hash, created_at) VALUES (?, ?, ?)")
                .params(UUID.randomUUID(), hash, OffsetDateTime.now()).update();
        acceptedHashes.add(hash);
        // Printed once, on purpose: only the hash is kept, so this is the one chance to copy it.
        log.warn("""

                ==================================================================
                 No MUNINN_ADMIN_TOKEN was set, so an admin token was generated.
                 It is shown only this once; Muninn keeps only its hash:

                     {}

                 Use it as 'Authorization: Bearer <token>' and to sign in to the UI.
                ==================================================================""", token);
    }

    static String hash(String token) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
