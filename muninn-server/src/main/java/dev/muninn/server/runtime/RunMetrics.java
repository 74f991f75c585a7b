package dev.muninn.server.runtime;

import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;

import dev.muninn.core.chat.ChatResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/** Run-chat attempts, latency, tokens and fallbacks, by interaction type, provider and model. */
@Component
class RunMetrics {

    private final MeterRegistry registry;

    RunMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void attempt(ResolvedTarget target, ChatResult result, int attempt) {
        Tags tags = Tags.of("interaction_type", target.interactionType() == null ? "none" : target.interactionType(),
                "provider", target.provider().name(), "model", target.model().model());
        String outcome = result.success() ? "success" : result.code().name().toLowerCase();
        registry.timer("muninn.runs", tags.and("outcome", outcome)).record(result.latencyMs(), TimeUnit.MILLISECONDS);
        if (attempt > 0) {
            registry.counter("muninn.runs.fallbacks", tags).increment();
        }
        if (result.usage() != null && result.usage().promptTokens() != null) {
            registry.counter("muninn.runs.tokens", tags.and("kind", "prompt")).increment(result.usage().promptTokens());
        }
        if (result.usage() != null && result.usage().completionTokens() != null) {
            registry.counter("muninn.runs.tokens", tags.and("kind", "completion")).increment(result.usage().completionTokens());
        }
    }
}
