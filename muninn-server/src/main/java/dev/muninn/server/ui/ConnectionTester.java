package dev.muninn.server.ui;

import java.time.Duration;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import dev.muninn.core.chat.ChatRunner;
import dev.muninn.core.chat.ChatTarget;
import dev.muninn.core.chat.ConnectionTestResult;
import dev.muninn.core.chat.ModelProfile;
import dev.muninn.core.transport.ProviderTransport;
import dev.muninn.server.catalog.Model;
import dev.muninn.server.catalog.ModelService;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.provider.ProviderService;
import dev.muninn.server.secret.SecretUnavailableException;

/**
 * Tests a model's connection with the smallest real request (core's {@link ChatRunner}) and
 * records the outcome: success sets {@code connection_tested_at}, failure clears it.
 */
@Component
class ConnectionTester {

    /** What a test found, in words for the model's row. */
    record Outcome(boolean success, String message) {
    }

    private final ProviderService providers;
    private final ModelService models;
    private final ChatRunner runner;
    private final Duration timeout;

    ConnectionTester(ProviderService providers, ModelService models, ProviderTransport transport,
            @Value("${muninn.discovery.timeout:15s}") Duration timeout) {
        this.providers = providers;
        this.models = models;
        this.runner = new ChatRunner(transport);
        this.timeout = timeout;
    }

    Outcome test(UUID modelId) {
        Model model = models.get(modelId);
        Provider provider = providers.get(model.providerId());
        ConnectionTestResult result;
        try {
            var caps = model.capabilities();
            int overhead = model.messageOverheadTokens() == null ? provider.messageOverheadTokens()
                    : model.messageOverheadTokens();
            ModelProfile profile = new ModelProfile(model.enabled(), caps.toolCalling(), caps.jsonObject(),
                    caps.jsonSchema(), caps.streaming(), caps.embeddings(), model.contextWindowTokens(), overhead);
            result = runner.testConnection(new ChatTarget(providers.connection(provider, timeout), provider.enabled(),
                    model.model(), profile));
        } catch (SecretUnavailableException e) {
            models.recordConnectionTest(modelId, false);
            return new Outcome(false, "Connection failed: the provider's key is not available (" + e.getMessage() + ").");
        }
        models.recordConnectionTest(modelId, result.success());
        return result.success()
                ? new Outcome(true, "Connection works: answered in " + result.latencyMs() + " ms.")
                : new Outcome(false, "Connection failed (" + result.code() + "): " + result.message());
    }
}
