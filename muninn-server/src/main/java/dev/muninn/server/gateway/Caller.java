package dev.muninn.server.gateway;

/**
 * Who is calling, from its credentials.
 *
 * @param userId       the user whose overrides apply; null for none
 * @param serviceToken whether the request may name the user itself ({@code user} field or {@code X-Muninn-User})
 */
record Caller(String userId, boolean serviceToken) {
}
