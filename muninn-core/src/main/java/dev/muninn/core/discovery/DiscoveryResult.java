package dev.muninn.core.discovery;

import java.util.List;

/**
 * The models a provider offers.
 *
 * @param models             in the order the provider listed them
 * @param fromBuiltInCatalog true when the provider could not be asked and the list is Muninn's own
 */
public record DiscoveryResult(List<DiscoveredModel> models, boolean fromBuiltInCatalog) {

    public DiscoveryResult {
        models = List.copyOf(models);
    }
}
