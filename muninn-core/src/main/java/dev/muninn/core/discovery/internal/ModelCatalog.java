package dev.muninn.core.discovery.internal;

import dev.muninn.core.discovery.DiscoveredModel;
import dev.muninn.core.transport.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * What Muninn knows about well-known models that their providers' listings do not tell
 * (OpenAI's /models gives ids only). Kept in a resource file so updating prices is not a code change.
 */
public final class ModelCatalog {

    // Dated snapshots and aliases share their family's facts: gpt-4o-2024-08-06, claude-3-5-sonnet-latest.
    private static final Pattern VERSION_SUFFIX = Pattern.compile("-(\\d{8}|\\d{4}-\\d{2}-\\d{2}|\\d{4}|latest)$");

    private final List<DiscoveredModel> models;
    private final Map<String, DiscoveredModel> byFamily = new LinkedHashMap<>();

    private ModelCatalog(List<DiscoveredModel> models) {
        this.models = List.copyOf(models);
        for (DiscoveredModel model : models) {
            byFamily.putIfAbsent(family(model.model()), model);
        }
    }

    public static ModelCatalog load(String resource) {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing model catalog " + resource);
            }
            JsonNode root = Json.MAPPER.readTree(in);
            return new ModelCatalog(root.valueStream().map(ModelCatalog::fromJson).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<DiscoveredModel> models() {
        return models;
    }

    /** The catalog entry for {@code modelId} or its family, else null. */
    public DiscoveredModel find(String modelId) {
        DiscoveredModel entry = byFamily.get(family(modelId));
        if (entry == null) {
            return null;
        }
        // The entry describes the family; the listed id stays the one the provider gave.
        return new DiscoveredModel(modelId, entry.displayName(), entry.contextWindowTokens(),
                entry.maxOutputTokens(), entry.supportsToolCalling(), entry.supportsEmbeddings(),
                entry.supportsStreaming(), entry.supportsJsonObject(), entry.supportsJsonSchema(),
                entry.supportsParallelToolCalls(), entry.supportsVision(), entry.inputCostPerMillion(),
                entry.outputCostPerMillion());
    }

    static String family(String modelId) {
        String id = modelId.toLowerCase(Locale.ROOT);
        int slash = id.lastIndexOf('/');
        if (slash >= 0) {
            id = id.substring(slash + 1); // "openai/gpt-4o" on OpenRouter
        }
        return VERSION_SUFFIX.matcher(id).replaceFirst("");
    }

    private static DiscoveredModel fromJson(JsonNode node) {
        return new DiscoveredModel(
                node.path("model").asString(),
                node.path("display_name").asString(node.path("model").asString()),
                Json.integer(node.get("context_window_tokens")),
                Json.integer(node.get("max_output_tokens")),
                bool(node, "supports_tool_calling"),
                bool(node, "supports_embeddings"),
                bool(node, "supports_streaming"),
                bool(node, "supports_json_object"),
                bool(node, "supports_json_schema"),
                bool(node, "supports_parallel_tool_calls"),
                bool(node, "supports_vision"),
                decimal(node, "input_cost_per_million"),
                decimal(node, "output_cost_per_million"));
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asBoolean();
    }

    private static BigDecimal decimal(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : new BigDecimal(value.asString());
    }
}
