package dev.muninn.server.catalog;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.muninn.server.config.Timestamps;
import dev.muninn.server.error.ApiException;
import dev.muninn.server.json.JsonBody;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.provider.ProviderService;
import dev.muninn.server.routing.ConfigChanges;
import dev.muninn.server.routing.RouteUsage;
import tools.jackson.databind.JsonNode;

@Service
public class ModelService {

    static final Set<String> EDITABLE = Set.of("name", "key", "enabled", "supports_tool_calling", "supports_embeddings",
            "supports_streaming", "supports_response_format_json_object", "supports_response_format_json_schema",
            "supports_parallel_tool_calls", "supports_vision", "context_window_tokens", "max_output_tokens",
            "message_overhead_tokens", "input_cost_per_million", "output_cost_per_million", "comment");
    private static final Set<String> CREATE_FIELDS = union(EDITABLE, Set.of("model"));
    private static final Set<String> PATCH_FIELDS = union(EDITABLE, Set.of("version"));
    /** The Hliðskjálf document's names for the same fields. */
    private static final Map<String, String> ALIASES = Map.of("model_name", "model", "supports_tools",
            "supports_tool_calling", "context_window", "context_window_tokens");
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._:/@+-]{0,199}");

    private final ModelRepository models;
    private final ProviderService providers;
    private final RouteUsage routeUsage;
    private final ConfigChanges changes;

    ModelService(ModelRepository models, ProviderService providers, RouteUsage routeUsage, ConfigChanges changes) {
        this.models = models;
        this.providers = providers;
        this.routeUsage = routeUsage;
        this.changes = changes;
    }

    public Model get(UUID id) {
        return models.findById(id).orElseThrow(() -> ApiException.notFound("Model", id));
    }

    public List<Model> listByProvider(UUID providerId) {
        return models.findByProvider(providerId);
    }

    public List<Model> listAll() {
        return models.findAll();
    }

    public ModelView view(Model model) {
        return ModelView.of(model, providers.get(model.providerId()).name());
    }

    @Transactional
    public Model create(UUID providerId, JsonNode json) {
        return create(providerId, json, ModelSource.MANUAL);
    }

    /** Creates the model from a seed entry unless the provider already has it; never changes an existing one. */
    @Transactional
    public Model seed(UUID providerId, JsonNode json) {
        String modelId = json.path("model").asString("");
        return models.findByProviderAndModel(providerId, modelId).orElseGet(() -> create(providerId, json, ModelSource.SEEDED));
    }

    private Model create(UUID providerId, JsonNode json, ModelSource source) {
        Provider provider = providers.get(providerId);
        JsonBody body = JsonBody.of(json, CREATE_FIELDS, ALIASES);
        String modelId = body.text("model", 300);
        if (modelId == null) {
            throw ApiException.invalid(body.has("model") ? "model" : "model_name", "required", "'model_name' (or 'model') is required");
        }
        models.findByProviderAndModel(providerId, modelId).ifPresent(existing -> {
            throw ApiException.conflict("model", "unique_per_provider",
                    "Provider '" + provider.name() + "' already has model '" + modelId + "'");
        });
        OffsetDateTime now = Timestamps.now();
        Model blank = new Model(UUID.randomUUID(), providerId, modelId, modelId, null, true, source,
                Capabilities.CHAT_DEFAULTS, 0, null, null, null, null, null, null, null, Set.of(), now, now, -1);
        Model model = applyEdits(blank, body, false);
        models.insert(model);
        changes.changed("model created");
        return model;
    }

    @Transactional
    public Model update(UUID id, JsonNode json) {
        Model current = get(id);
        JsonBody body = JsonBody.of(json, PATCH_FIELDS, ALIASES);
        body.expectVersion(current.version(), "model");
        Model updated = applyEdits(current, body, true);
        models.update(updated);
        changes.changed("model updated");
        return updated;
    }

    @Transactional
    public void delete(UUID id) {
        Model model = get(id);
        routeUsage.refuseIfUsed("model_id", id, "Model '" + model.model() + "'");
        models.delete(id);
        changes.changed("model deleted");
    }

    /** Enables or disables every model of a provider; returns how many changed. */
    @Transactional
    public int setAllEnabled(UUID providerId, boolean enabled) {
        providers.get(providerId);
        int changed = models.setEnabled(providerId, enabled, Timestamps.now());
        changes.changed(enabled ? "models enabled" : "models disabled");
        return changed;
    }

    @Transactional
    public void recordConnectionTest(UUID id, boolean succeeded) {
        models.setConnectionTestedAt(id, succeeded ? Timestamps.now() : null);
        changes.changed("model connection tested");
    }

    /**
     * Adds models a provider reported and refreshes the ones it already had, leaving every field a
     * person edited as they left it. Returns the provider's models afterwards.
     */
    @Transactional
    public List<Model> upsert(UUID providerId, List<ModelFacts> facts, ModelSource source) {
        OffsetDateTime now = Timestamps.now();
        for (ModelFacts fact : facts) {
            Model existing = models.findByProviderAndModel(providerId, fact.model()).orElse(null);
            if (existing == null) {
                Model blank = new Model(UUID.randomUUID(), providerId, fact.model(), fact.model(), null, true, source,
                        Capabilities.CHAT_DEFAULTS, 0, null, null, null, null, null, null,
                        source == ModelSource.DISCOVERED ? now : null, Set.of(), now, now, -1);
                models.insert(refresh(blank, fact, now, source));
            } else {
                models.update(refresh(existing, fact, now, source));
            }
        }
        changes.changed("models refreshed");
        return models.findByProvider(providerId);
    }

    private static Model refresh(Model m, ModelFacts f, OffsetDateTime now, ModelSource source) {
        Set<String> edited = m.editedFields();
        Capabilities c = m.capabilities();
        Capabilities caps = new Capabilities(
                pick(edited, "supports_tool_calling", f.toolCalling(), c.toolCalling()),
                pick(edited, "supports_embeddings", f.embeddings(), c.embeddings()),
                pick(edited, "supports_streaming", f.streaming(), c.streaming()),
                pick(edited, "supports_response_format_json_object", f.jsonObject(), c.jsonObject()),
                pick(edited, "supports_response_format_json_schema", f.jsonSchema(), c.jsonSchema()),
                pick(edited, "supports_parallel_tool_calls", f.parallelToolCalls(), c.parallelToolCalls()),
                pick(edited, "supports_vision", f.vision(), c.vision()));
        return new Model(m.id(), m.providerId(), m.model(), pick(edited, "name", f.name(), m.name()), m.key(), m.enabled(),
                m.source(), caps, pick(edited, "context_window_tokens", f.contextWindowTokens(), m.contextWindowTokens()),
                pick(edited, "max_output_tokens", f.maxOutputTokens(), m.maxOutputTokens()), m.messageOverheadTokens(),
                pick(edited, "input_cost_per_million", f.inputCostPerMillion(), m.inputCostPerMillion()),
                pick(edited, "output_cost_per_million", f.outputCostPerMillion(), m.outputCostPerMillion()),
                m.connectionTestedAt(), m.comment(), source == ModelSource.DISCOVERED ? now : m.discoveredAt(), edited,
                m.createdAt(), now, m.version() + 1);
    }

    private static <T> T pick(Set<String> edited, String field, T learned, T current) {
        return edited.contains(field) || learned == null ? current : learned;
    }

    private Model applyEdits(Model m, JsonBody body, boolean markEdited) {
        Set<String> edited = new HashSet<>(m.editedFields());
        for (String field : EDITABLE) {
            if (body.has(field) && (markEdited || m.source() == ModelSource.MANUAL)) {
                edited.add(field);
            }
        }
        Capabilities c = m.capabilities();
        Capabilities caps = new Capabilities(
                flag(body, "supports_tool_calling", c.toolCalling()), flag(body, "supports_embeddings", c.embeddings()),
                flag(body, "supports_streaming", c.streaming()),
                flag(body, "supports_response_format_json_object", c.jsonObject()),
                flag(body, "supports_response_format_json_schema", c.jsonSchema()),
                flag(body, "supports_parallel_tool_calls", c.parallelToolCalls()), flag(body, "supports_vision", c.vision()));
        String name = body.has("name") ? body.requiredText("name") : m.name();
        if (name.length() > 300) {
            throw ApiException.invalid("name", "max_length", "'name' must be at most 300 characters");
        }
        String key = body.has("key") ? checkedKey(body, m.id()) : m.key();
        return new Model(m.id(), m.providerId(), m.model(), name, key, flag(body, "enabled", m.enabled()), m.source(), caps,
                body.has("context_window_tokens") ? orZero(body.integer("context_window_tokens", 0)) : m.contextWindowTokens(),
                value(body, "max_output_tokens", f -> body.integer(f, 0), m.maxOutputTokens()),
                value(body, "message_overhead_tokens", f -> body.integer(f, 0), m.messageOverheadTokens()),
                value(body, "input_cost_per_million", body::decimal, m.inputCostPerMillion()),
                value(body, "output_cost_per_million", body::decimal, m.outputCostPerMillion()),
                m.connectionTestedAt(), value(body, "comment", f -> body.text(f, 4000), m.comment()), m.discoveredAt(),
                Set.copyOf(edited), m.createdAt(), Timestamps.now(), m.version() + 1);
    }

    private String checkedKey(JsonBody body, UUID self) {
        String raw = body.text("key", 200);
        if (raw == null) {
            return null;
        }
        String key = raw.toLowerCase(Locale.ROOT);
        if (!KEY.matcher(key).matches()) {
            throw ApiException.invalid("key", "key_format",
                    "'key' may hold letters, digits and . _ : / @ + - and must start with a letter or digit");
        }
        models.findByKey(key).filter(other -> !other.id().equals(self)).ifPresent(other -> {
            throw ApiException.conflict("key", "unique", "The key '" + key + "' is already used by model '" + other.model() + "'");
        });
        return key;
    }

    private static boolean flag(JsonBody body, String field, boolean current) {
        if (!body.has(field)) {
            return current;
        }
        Boolean value = body.bool(field);
        if (value == null) {
            throw ApiException.invalid(field, "required", "'" + field + "' must be true or false");
        }
        return value;
    }

    private static <T> T value(JsonBody body, String field, Function<String, T> read, T current) {
        return body.has(field) ? read.apply(field) : current;
    }

    private static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }


}
