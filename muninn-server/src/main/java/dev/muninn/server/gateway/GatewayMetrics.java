package dev.muninn.server.gateway;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * The gateway's meters. The ones every successful request touches are looked up once per
 * target and kept on it ({@link Meters}), so the hot path does no registry look-up.
 */
@Component
class GatewayMetrics {

    static final String NONE = "none";

    private final MeterRegistry registry;

    GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    Meters meters(String interactionType, String provider, String model) {
        Tags tags = Tags.of("interaction_type", interactionType == null ? NONE : interactionType, "provider", provider,
                "model", model);
        return new Meters(registry, tags,
                Timer.builder("muninn.gateway.requests").description("Gateway requests, by outcome")
                        .tags(tags).tag("outcome", "success").register(registry),
                Timer.builder("muninn.gateway.upstream.latency").description("Time to the upstream's response headers")
                        .tags(tags).register(registry),
                Counter.builder("muninn.gateway.tokens").tags(tags).tag("kind", "prompt").register(registry),
                Counter.builder("muninn.gateway.tokens").tags(tags).tag("kind", "completion").register(registry));
    }

    /** A request refused before it had a target (bad key, unknown model, bad body). */
    void rejected(String code, long startedNanos) {
        Timer.builder("muninn.gateway.requests").tags("interaction_type", NONE, "provider", NONE, "model", NONE,
                "outcome", code).register(registry).record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        Counter.builder("muninn.gateway.errors").tags("interaction_type", NONE, "provider", NONE, "model", NONE,
                "code", code).register(registry).increment();
    }

    /** The meters of one target. */
    record Meters(MeterRegistry registry, Tags tags, Timer success, Timer upstreamLatency, Counter promptTokens,
            Counter completionTokens) {

        void succeeded(long startedNanos) {
            success.record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }

        void failed(String code, long startedNanos) {
            Timer.builder("muninn.gateway.requests").tags(tags).tag("outcome", code).register(registry)
                    .record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            Counter.builder("muninn.gateway.errors").tags(tags).tag("code", code).register(registry).increment();
        }

        void fellBack(String code) {
            Counter.builder("muninn.gateway.fallbacks").tags(tags).tag("code", code).register(registry).increment();
        }

        void tokens(long prompt, long completion) {
            if (prompt > 0) {
                promptTokens.increment(prompt);
            }
            if (completion > 0) {
                completionTokens.increment(completion);
            }
        }
    }
}
