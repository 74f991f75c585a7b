package dev.muninn.server.routing;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.muninn.core.options.OptionMerger;
import dev.muninn.server.catalog.Capabilities;
import dev.muninn.server.catalog.Model;
import dev.muninn.server.catalog.ModelSource;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.provider.ProviderType;

/**
 * What answers when the database has no configuration for a type, or cannot be read: OpenAI
 * with {@code OPENAI_API_KEY} and the Hliðskjálf defaults, or the legacy Ollama variables
 * ({@code LLM_PROVIDER=ollama}, {@code OLLAMA_URL}, {@code OLLAMA_CHAT_MODEL}). The key itself
 * is never copied: the provider refers to the variable by name.
 */
@Component
public class EnvironmentFallback {

    /** The Hliðskjálf defaults: model and temperature per built-in type. */
    private static final Map<String, Defaults> OPENAI_DEFAULTS = Map.of(
            "reasoning", new Defaults("gpt-4o", 0.7),
            "tools", new Defaults("gpt-4o-mini", 0.1),
            "subagents", new Defaults("gpt-4o-mini", 0.5),
            "planning", new Defaults("gpt-4o", 0.2),
            "embeddings", new Defaults("text-embedding-3-small", 0.0));

    private record Defaults(String model, double temperature) {
    }

    private final Environment environment;

    EnvironmentFallback(Environment environment) {
        this.environment = environment;
    }

    /** The fallback for {@code type}, or null when the environment offers none. */
    public Resolution resolve(InteractionType type) {
        String legacyProvider = env("LLM_PROVIDER");
        String ollamaUrl = env("OLLAMA_URL");
        boolean ollamaChosen = "ollama".equalsIgnoreCase(legacyProvider) || legacyProvider == null && ollamaUrl != null
                && env("OPENAI_API_KEY") == null;
        if (ollamaChosen && ollamaUrl != null) {
            return ollama(type, ollamaUrl);
        }
        if (env("OPENAI_API_KEY") != null) {
            return openAi(type);
        }
        return null;
    }

    private Resolution openAi(InteractionType type) {
        Defaults defaults = OPENAI_DEFAULTS.getOrDefault(type.name(), type.kind() == InteractionType.Kind.EMBEDDINGS
                ? OPENAI_DEFAULTS.get("embeddings") : OPENAI_DEFAULTS.get("reasoning"));
        Provider provider = provider("OpenAI (environment)", ProviderType.OPENAI, ProviderType.OPENAI.defaultBaseUrl(), "/v1",
                "env:OPENAI_API_KEY");
        return resolution(type, provider, defaults.model(), type.kind() == InteractionType.Kind.EMBEDDINGS ? null
                : defaults.temperature(), "environment fallback: OPENAI_API_KEY with the default model for '" + type.name() + "'");
    }

    private Resolution ollama(InteractionType type, String url) {
        String model = type.kind() == InteractionType.Kind.EMBEDDINGS ? env("OLLAMA_EMBEDDING_MODEL") : env("OLLAMA_CHAT_MODEL");
        if (model == null) {
            return null;
        }
        String base = url.replaceAll("/+$", "").replaceAll("/v1$", "");
        Provider provider = provider("Ollama (environment)", ProviderType.CUSTOM, base, "/v1", null);
        return resolution(type, provider, model, null, "environment fallback: legacy OLLAMA_URL / OLLAMA_CHAT_MODEL");
    }

    private static Resolution resolution(InteractionType type, Provider provider, String modelName, Double temperature,
            String note) {
        boolean embeddings = type.kind() == InteractionType.Kind.EMBEDDINGS;
        Model model = new Model(uuid("model:" + provider.name() + ":" + modelName), provider.id(), modelName, modelName, null,
                true, ModelSource.SEEDED, new Capabilities(!embeddings, embeddings, !embeddings, false, false, false, false),
                0, null, null, null, null, null, null, null, Set.of(), OffsetDateTime.now(), OffsetDateTime.now(), 0);
        return new Resolution(type.name(), type.kind(), Resolution.Source.ENVIRONMENT, provider, model, null, temperature,
                null, OptionMerger.merge(null, null, temperature, null, null), List.of(), List.of(note));
    }

    private static Provider provider(String name, ProviderType type, String baseUrl, String prefix, String keyRef) {
        OffsetDateTime now = OffsetDateTime.now();
        return new Provider(uuid("provider:" + name), name, type, baseUrl, prefix, Map.of(), keyRef, true, null, null,
                Map.of(), 0, now, now, 0);
    }

    private static UUID uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    private String env(String name) {
        String value = environment.getProperty(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
