package dev.muninn.server.gateway;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;

import dev.muninn.server.apikey.ApiKey;
import dev.muninn.server.apikey.ApiKeys;
import dev.muninn.server.security.AdminTokens;

/**
 * Authenticates a gateway request from {@code Authorization: Bearer <key>} (or Anthropic-style
 * {@code x-api-key}): a caller key from the in-memory index, else the admin token, which acts as
 * a service token.
 */
@Component
class Callers {

    static final String USER_HEADER = "X-Muninn-User";

    private final ApiKeys keys;
    private final AdminTokens adminTokens;

    Callers(ApiKeys keys, AdminTokens adminTokens) {
        this.keys = keys;
        this.adminTokens = adminTokens;
    }

    Caller authenticate(HttpServletRequest request) {
        String token = token(request);
        if (token == null) {
            throw GatewayException.unauthorized("Missing API key: send 'Authorization: Bearer <key>'");
        }
        ApiKey key = keys.check(token).orElse(null);
        if (key != null) {
            return new Caller(key.userId(), key.serviceToken());
        }
        if (adminTokens.accepts(token)) {
            return new Caller(null, true);
        }
        // The key itself is never echoed back.
        throw GatewayException.unauthorized("Incorrect API key provided");
    }

    private static String token(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = header.substring(7).strip();
            return token.isEmpty() ? null : token;
        }
        String apiKey = request.getHeader("x-api-key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }
}
