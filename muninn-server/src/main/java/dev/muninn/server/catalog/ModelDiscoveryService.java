package dev.muninn.server.catalog;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import dev.muninn.core.discovery.DiscoveredModel;
import dev.muninn.core.discovery.DiscoveryResult;
import dev.muninn.core.discovery.ModelDiscovery;
import dev.muninn.core.provider.ProviderException;
import dev.muninn.server.error.ApiException;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.provider.ProviderService;
import dev.muninn.server.secret.SecretUnavailableException;

/** Asks providers for their models: validation, and filling the catalog from the provider's own list. */
@Service
public class ModelDiscoveryService {

    private static final Logger log = LoggerFactory.getLogger(ModelDiscoveryService.class);

    private final ModelDiscovery discovery;
    private final ProviderService providers;
    private final ModelService models;
    private final Duration timeout;

    ModelDiscoveryService(ModelDiscovery discovery, ProviderService providers, ModelService models,
            @Value("${muninn.discovery.timeout:15s}") Duration timeout) {
        this.discovery = discovery;
        this.providers = providers;
        this.models = models;
        this.timeout = timeout;
    }

    /** The provider's cached models, fetched from it first when none are cached or {@code refresh} is asked. */
    public List<Model> modelsOf(UUID providerId, boolean refresh) {
        Provider provider = providers.get(providerId);
        List<Model> cached = models.listByProvider(providerId);
        if (!cached.isEmpty() && !refresh) {
            return cached;
        }
        DiscoveryResult result;
        try {
            result = discovery.listModels(providers.connection(provider, timeout));
        } catch (ProviderException | SecretUnavailableException e) {
            log.warn("Listing the models of provider '{}' failed: {}", provider.name(), e.getMessage());
            throw upstreamFailure(provider, e);
        }
        log.info("Provider '{}' listed {} model(s){}", provider.name(), result.models().size(),
                result.fromBuiltInCatalog() ? " from Muninn's built-in catalog" : "");
        return models.upsert(providerId, result.models().stream().map(ModelDiscoveryService::facts).toList(),
                ModelSource.DISCOVERED);
    }

    /** Lists the provider's models with its stored key and records the outcome on the provider. */
    public Provider validate(UUID providerId) {
        Provider provider = providers.get(providerId);
        try {
            discovery.validate(providers.connection(provider, timeout));
            return providers.recordValidation(provider, null);
        } catch (ProviderException | SecretUnavailableException e) {
            log.info("Validation of provider '{}' failed: {}", provider.name(), e.getMessage());
            return providers.recordValidation(provider, e.getMessage());
        }
    }

    static ModelFacts facts(DiscoveredModel d) {
        return new ModelFacts(d.model(), d.displayName(), d.contextWindowTokens(), d.maxOutputTokens(),
                d.supportsToolCalling(), d.supportsEmbeddings(), d.supportsStreaming(), d.supportsJsonObject(),
                d.supportsJsonSchema(), d.supportsParallelToolCalls(), d.supportsVision(), d.inputCostPerMillion(),
                d.outputCostPerMillion());
    }

    private static ApiException upstreamFailure(Provider provider, RuntimeException e) {
        return new ApiException(HttpStatus.BAD_GATEWAY, "Provider unavailable",
                "Could not list the models of provider '" + provider.name() + "': " + e.getMessage(), List.of(),
                Map.of("provider_id", provider.id()));
    }
}
