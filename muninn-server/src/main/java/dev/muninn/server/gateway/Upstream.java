package dev.muninn.server.gateway;

import java.net.URI;
import java.util.List;
import java.util.Map;

import dev.muninn.core.chat.ChatTarget;
import dev.muninn.server.catalog.Model;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.routing.InteractionType;
import tools.jackson.databind.JsonNode;

/**
 * One destination, prepared once per configuration snapshot: everything a request needs that
 * does not depend on the request (URLs, auth headers, the merged options as JSON, meters).
 *
 * @param interactionType  null when the caller named a model
 * @param kind             the interaction type's kind; null when the caller named a model
 * @param source           user_override, global, environment or model
 * @param headers          name, value pairs sent on every request (auth, provider headers)
 * @param chatOptions      merged options a chat request gets when it does not set them
 * @param embeddingOptions stored options an embeddings request gets when it does not set them
 * @param fallbacks        the route's fallbacks in order, tried when this one fails before any byte was sent
 */
record Upstream(String interactionType, InteractionType.Kind kind, String source, Provider provider, Model model,
        ChatTarget target, URI chatUri, URI embeddingsUri, String[] headers, Map<String, JsonNode> chatOptions,
        Map<String, JsonNode> embeddingOptions, GatewayMetrics.Meters meters, List<Upstream> fallbacks) {

    /** This target followed by its fallbacks. */
    List<Upstream> candidates() {
        if (fallbacks.isEmpty()) {
            return List.of(this);
        }
        List<Upstream> all = new java.util.ArrayList<>(fallbacks.size() + 1);
        all.add(this);
        all.addAll(fallbacks);
        return all;
    }

    boolean anthropic() {
        return target.connection().apiFormat() == dev.muninn.core.provider.ApiFormat.ANTHROPIC;
    }

    String providerName() {
        return provider.name();
    }

    String modelId() {
        return target.model();
    }
}
