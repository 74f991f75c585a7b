package dev.muninn.server.runtime;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Remembers providers that keep failing: after {@code threshold} retryable failures in a row a
 * provider is skipped for the cooldown, unless it is the last option left.
 */
@Component
public class ProviderCooldowns {

    private record State(int consecutiveFailures, long coolUntilNanos) {
    }

    private final Map<UUID, State> states = new ConcurrentHashMap<>();
    private final int threshold;
    private final long cooldownNanos;

    ProviderCooldowns(@Value("${muninn.fallback.failure-threshold:3}") int threshold,
            @Value("${muninn.fallback.cooldown:30s}") Duration cooldown) {
        this.threshold = threshold;
        this.cooldownNanos = cooldown.toNanos();
    }

    public boolean coolingDown(UUID providerId) {
        State state = states.get(providerId);
        return state != null && state.coolUntilNanos() != 0 && System.nanoTime() - state.coolUntilNanos() < 0;
    }

    public void failed(UUID providerId) {
        states.compute(providerId, (id, state) -> {
            int failures = state == null ? 1 : state.consecutiveFailures() + 1;
            return new State(failures, failures >= threshold ? System.nanoTime() + cooldownNanos : 0);
        });
    }

    public void succeeded(UUID providerId) {
        states.remove(providerId);
    }

    /** Whether a failed attempt may be retried on the next target: unreachable, timeout, 429 or 5xx. */
    public static boolean retryable(String code, Map<String, Object> details) {
        if ("TIMEOUT".equals(code)) {
            return true;
        }
        if (!"PROVIDER_ERROR".equals(code)) {
            return false;
        }
        Object status = details == null ? null : details.get("status");
        if (status instanceof Integer s) {
            return s == 429 || s >= 500;
        }
        Object kind = details == null ? null : details.get("kind");
        return "UNREACHABLE".equals(kind) || "TIMEOUT".equals(kind);
    }
}
