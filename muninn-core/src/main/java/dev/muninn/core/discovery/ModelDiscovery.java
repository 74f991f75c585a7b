package dev.muninn.core.discovery;

import dev.muninn.core.discovery.internal.ModelCatalog;
import dev.muninn.core.provider.ApiFormat;
import dev.muninn.core.provider.ProviderConnection;
import dev.muninn.core.provider.ProviderException;
import dev.muninn.core.transport.UpstreamHttp;
import dev.muninn.core.transport.internal.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Lists the models a provider offers, filled with what the provider tells (OpenRouter and
 * vLLM tell a lot, OpenAI only ids) and, for well-known models, with Muninn's built-in catalog.
 */
public final class ModelDiscovery {

    private static final Logger log = LoggerFactory.getLogger(ModelDiscovery.class);
    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    /** Listing models is a small, quick call; an admin waiting on "validate" should not wait a chat timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(15);

    private final UpstreamHttp http;
    private final Duration timeout;
    private final ModelCatalog openAiCatalog = ModelCatalog.load("/dev/muninn/core/discovery/openai-catalog.json");
    private final ModelCatalog anthropicCatalog =
            ModelCatalog.load("/dev/muninn/core/discovery/anthropic-catalog.json");

    public ModelDiscovery(UpstreamHttp http) {
        this(http, DEFAULT_TIMEOUT);
    }

    /** {@code timeout} caps each connection's own request timeout for listing calls. */
    public ModelDiscovery(UpstreamHttp http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    /**
     * The provider's models. For Anthropic, a listing that fails for any reason other than a
     * rejected key falls back to the built-in catalog ({@code fromBuiltInCatalog = true}),
     * since Anthropic-compatible proxies often lack {@code /models}.
     *
     * @throws ProviderException when the provider cannot be asked (OpenAI format) or rejects the key
     */
    public DiscoveryResult listModels(ProviderConnection requested) {
        ProviderConnection connection = capped(requested);
        if (connection.apiFormat() == ApiFormat.ANTHROPIC) {
            try {
                return new DiscoveryResult(listAnthropic(connection), false);
            } catch (ProviderException e) {
                if (isAuthFailure(e)) {
                    throw e;
                }
                log.warn("Listing models of {} failed ({}); using the built-in Anthropic catalog",
                        connection.providerName(), e.getMessage());
                return new DiscoveryResult(anthropicCatalog.models(), true);
            }
        }
        return new DiscoveryResult(listOpenAi(connection), false);
    }

    /**
     * Validating a provider means asking it for its models with the stored key: returns the
     * listing, never the built-in fallback.
     *
     * @throws ProviderException with what went wrong, key-free
     */
    public DiscoveryResult validate(ProviderConnection requested) {
        ProviderConnection connection = capped(requested);
        List<DiscoveredModel> models = connection.apiFormat() == ApiFormat.ANTHROPIC
                ? listAnthropic(connection) : listOpenAi(connection);
        return new DiscoveryResult(models, false);
    }

    /** What the built-in catalog knows about {@code modelId} for a provider of this format, else null. */
    public DiscoveredModel catalogEntry(ApiFormat format, String modelId) {
        return (format == ApiFormat.ANTHROPIC ? anthropicCatalog : openAiCatalog).find(modelId);
    }

    private ProviderConnection capped(ProviderConnection connection) {
        return connection.requestTimeout().compareTo(timeout) > 0 ? connection.withRequestTimeout(timeout) : connection;
    }

    private List<DiscoveredModel> listOpenAi(ProviderConnection connection) {
        JsonNode data = dataOf(connection, http.getJson(connection, "/models"));
        List<DiscoveredModel> models = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (JsonNode entry : data) {
            String id = entry.path("id").asString("");
            if (!id.isEmpty() && seen.add(id)) {
                models.add(fromOpenAiEntry(id, entry).orElse(openAiCatalog.find(id)));
            }
        }
        return models;
    }

    private List<DiscoveredModel> listAnthropic(ProviderConnection connection) {
        JsonNode data = dataOf(connection, http.getJson(connection, "/models?limit=1000"));
        List<DiscoveredModel> models = new ArrayList<>();
        for (JsonNode entry : data) {
            String id = entry.path("id").asString("");
            if (!id.isEmpty()) {
                String name = entry.path("display_name").asString(id);
                DiscoveredModel listed = new DiscoveredModel(id, name, null, null, null, null, null, null, null,
                        null, null, null, null);
                models.add(listed.orElse(anthropicCatalog.find(id)).orElse(anthropicFamilyDefaults(id)));
            }
        }
        return models;
    }

    // Every Claude model so far has a 200K window, tools and vision; a new one is likely the same.
    private static DiscoveredModel anthropicFamilyDefaults(String id) {
        if (!id.startsWith("claude")) {
            return null;
        }
        return new DiscoveredModel(id, id, 200_000, null, true, false, true, false, false, true, true, null, null);
    }

    private static DiscoveredModel fromOpenAiEntry(String id, JsonNode entry) {
        String name = entry.path("name").isString() ? entry.get("name").asString() : id;
        Integer contextWindow = Json.integer(entry.get("context_length")); // OpenRouter
        if (contextWindow == null) {
            contextWindow = Json.integer(entry.get("max_model_len")); // vLLM
        }
        Integer maxOutput = Json.integer(entry.path("top_provider").get("max_completion_tokens"));

        Boolean tools = null;
        Boolean jsonObject = null;
        Boolean jsonSchema = null;
        JsonNode parameters = entry.get("supported_parameters");
        if (parameters != null && parameters.isArray()) {
            Set<String> supported = new LinkedHashSet<>();
            parameters.forEach(p -> supported.add(p.asString("")));
            tools = supported.contains("tools");
            jsonObject = supported.contains("response_format");
            jsonSchema = supported.contains("structured_outputs");
        }
        Boolean vision = null;
        Boolean embeddings = null;
        JsonNode architecture = entry.path("architecture");
        if (architecture.path("input_modalities").isArray()) {
            vision = contains(architecture.get("input_modalities"), "image");
        }
        if (architecture.path("output_modalities").isArray()) {
            embeddings = contains(architecture.get("output_modalities"), "embeddings");
        }
        if (id.toLowerCase(Locale.ROOT).contains("embed")) {
            embeddings = true; // text-embedding-3-small, nomic-embed-text, mxbai-embed-large
        }
        return new DiscoveredModel(id, name, contextWindow, maxOutput, tools, embeddings, null, jsonObject,
                jsonSchema, null, vision, perMillion(entry.path("pricing").get("prompt")),
                perMillion(entry.path("pricing").get("completion")));
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode item : array) {
            if (value.equals(item.asString(""))) {
                return true;
            }
        }
        return false;
    }

    // OpenRouter prices are USD per token as strings ("0.0000025"); "-1" marks a variable price.
    private static BigDecimal perMillion(JsonNode price) {
        if (price == null || price.isNull()) {
            return null;
        }
        try {
            BigDecimal perToken = new BigDecimal(price.asString().trim());
            if (perToken.signum() < 0) {
                return null;
            }
            BigDecimal result = perToken.multiply(MILLION).stripTrailingZeros();
            return result.scale() < 0 ? result.setScale(0) : result;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static JsonNode dataOf(ProviderConnection connection, JsonNode response) {
        JsonNode data = response.path("data");
        if (!data.isArray()) {
            // Ollama's native /api/tags says "models"; an OpenAI-compatible listing must say "data".
            throw new ProviderException(ProviderException.Kind.INVALID_RESPONSE, null,
                    (connection.providerName().isEmpty() ? "" : connection.providerName() + ": ")
                            + "model listing has no data array");
        }
        return data;
    }

    private static boolean isAuthFailure(ProviderException e) {
        return e.kind() == ProviderException.Kind.UPSTREAM_STATUS && e.status() != null
                && (e.status() == 401 || e.status() == 403);
    }
}
