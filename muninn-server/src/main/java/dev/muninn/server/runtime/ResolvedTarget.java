package dev.muninn.server.runtime;

import java.util.List;

import dev.muninn.core.chat.ChatTarget;
import dev.muninn.core.options.MergedOptions;
import dev.muninn.server.catalog.Model;
import dev.muninn.server.preset.Preset;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.routing.Resolution;

/**
 * What a call will use: the core target (connection, model, capabilities) and the options
 * merged from provider defaults, preset, interaction config and request.
 *
 * @param fallbacks the route's fallbacks, in order, each ready to call
 * @param source where the choice came from (user_override, global, environment, model)
 */
public record ResolvedTarget(ChatTarget target, MergedOptions options, Provider provider, Model model, Preset preset,
        String interactionType, String source, Resolution resolution, List<ResolvedTarget> fallbacks) {
}
