package dev.muninn.server.routing;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.muninn.server.catalog.Model;
import dev.muninn.server.catalog.ModelRepository;
import dev.muninn.server.config.Timestamps;
import dev.muninn.server.error.ApiException;
import dev.muninn.server.json.JsonBody;
import dev.muninn.server.preset.Preset;
import dev.muninn.server.preset.PresetRepository;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.provider.ProviderRepository;
import tools.jackson.databind.JsonNode;

/** Changes to interaction types, global routes and user overrides, each checked before it is written. */
@Service
public class RoutingService {

    private static final Set<String> ROUTE_FIELDS = Set.of("provider_id", "model", "model_id", "model_key", "preset_id",
            "preset_key", "temperature", "max_tokens", "fallbacks", "version");
    private static final Set<String> FALLBACK_FIELDS = Set.of("provider_id", "model", "model_id", "model_key");
    private static final int MAX_FALLBACKS = 5;
    private static final Map<String, String> ROUTE_ALIASES = Map.of("model_name", "model");
    private static final Set<String> TYPE_FIELDS = Set.of("name", "kind", "description");
    private static final Pattern TYPE_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
    private static final Pattern USER_ID = Pattern.compile("[^\\s/]{1,200}");

    private final RoutingRepository routing;
    private final ProviderRepository providers;
    private final ModelRepository models;
    private final PresetRepository presets;
    private final ConfigChanges changes;

    RoutingService(RoutingRepository routing, ProviderRepository providers, ModelRepository models, PresetRepository presets,
            ConfigChanges changes) {
        this.routing = routing;
        this.providers = providers;
        this.models = models;
        this.presets = presets;
        this.changes = changes;
    }

    public List<InteractionType> types() {
        return routing.types();
    }

    public InteractionType type(String name) {
        return routing.type(name).orElseThrow(() -> ConfigSnapshots.unknownType(name));
    }

    public List<Route> globalRoutes() {
        return routing.globalRoutes();
    }

    public List<Route> userRoutes(String userId) {
        return routing.userRoutes(checkedUser(userId));
    }

    public List<String> users() {
        return routing.users();
    }

    @Transactional
    public InteractionType createType(JsonNode json) {
        JsonBody body = JsonBody.of(json, TYPE_FIELDS);
        String name = body.requiredText("name");
        if (!TYPE_NAME.matcher(name).matches()) {
            throw ApiException.invalid("name", "slug", "'name' must be a lowercase slug: a-z first, then a-z, 0-9, '_' or '-'");
        }
        if (routing.type(name).isPresent()) {
            throw ApiException.conflict("name", "unique", "The interaction type '" + name + "' already exists");
        }
        String kind = body.text("kind");
        if (kind != null && !kind.equals("chat") && !kind.equals("embeddings")) {
            throw ApiException.invalid("kind", "one_of", "'kind' must be chat or embeddings");
        }
        InteractionType type = new InteractionType(name, "embeddings".equals(kind) ? InteractionType.Kind.EMBEDDINGS
                : InteractionType.Kind.CHAT, false, body.text("description", 1000), Timestamps.now());
        routing.insertType(type);
        changes.changed("interaction type created");
        return type;
    }

    @Transactional
    public InteractionType updateType(String name, JsonNode json) {
        InteractionType type = type(name);
        JsonBody body = JsonBody.of(json, Set.of("description"));
        routing.updateTypeDescription(name, body.text("description", 1000));
        changes.changed("interaction type updated");
        return type(type.name());
    }

    @Transactional
    public void deleteType(String name) {
        InteractionType type = type(name);
        if (type.builtIn()) {
            throw ApiException.conflict("name", "built_in", "'" + name + "' is built in and cannot be deleted");
        }
        List<String> routes = routing.routesOfType(name);
        if (!routes.isEmpty()) {
            throw ApiException.conflict("The interaction type '" + name + "' is still used by " + routes.size()
                    + " route(s): " + String.join(", ", routes) + "; remove them first", Map.of("routes", routes));
        }
        routing.deleteType(name);
        changes.changed("interaction type deleted");
    }

    /** PUT: the body is the whole route. */
    @Transactional
    public Route putRoute(String typeName, String userId, JsonNode json) {
        return save(typeName, userId, JsonBody.of(json, ROUTE_FIELDS, ROUTE_ALIASES), null);
    }

    /** PATCH: absent fields keep their value. */
    @Transactional
    public Route patchRoute(String typeName, String userId, JsonNode json) {
        InteractionType type = type(typeName);
        Route current = (userId == null ? routing.globalRoute(type.name()) : routing.userRoute(checkedUser(userId), type.name()))
                .orElseThrow(() -> ApiException.notFound("Route", userId == null ? "global:" + typeName
                        : "user:" + userId + ":" + typeName));
        return save(typeName, userId, JsonBody.of(json, ROUTE_FIELDS, ROUTE_ALIASES), current);
    }

    @Transactional
    public void deleteRoute(String typeName, String userId) {
        type(typeName);
        int deleted = userId == null ? routing.deleteGlobal(typeName) : routing.deleteUser(checkedUser(userId), typeName);
        if (deleted == 0) {
            throw ApiException.notFound("Route", userId == null ? "global:" + typeName : "user:" + userId + ":" + typeName);
        }
        changes.changed("route deleted");
    }

    private Route save(String typeName, String userId, JsonBody body, Route current) {
        InteractionType type = type(typeName);
        String user = userId == null ? null : checkedUser(userId);
        body.expectVersion(current == null ? null : current.version(), "route");
        boolean modelGiven = body.has("model") || body.has("model_id") || body.has("model_key");
        Provider provider = body.has("provider_id") ? providers.findById(required(body.uuid("provider_id"), "provider_id"))
                .orElseThrow(() -> ApiException.invalid("provider_id", "exists", "No provider has id '"
                        + body.uuid("provider_id") + "'"))
                : current != null && !modelGiven ? providers.findById(current.providerId()).orElseThrow() : null;
        Model model = modelGiven ? model(body, provider) : current != null ? models.findById(current.modelId()).orElseThrow() : null;
        if (model == null) {
            throw ApiException.invalid("model_name", "required", "Give the model: 'model_name' with 'provider_id', or 'model_id', or 'model_key'");
        }
        if (provider == null) {
            provider = providers.findById(model.providerId()).orElseThrow();
        } else if (!provider.id().equals(model.providerId())) {
            throw ApiException.invalid(body.has("model_id") ? "model_id" : "model_key", "belongs_to_provider",
                    "Model '" + model.model() + "' does not belong to provider '" + provider.name() + "'");
        }
        checkKind(type, model, body);
        UUID presetId = preset(body, model, current);
        Double temperature = body.has("temperature") || current == null ? body.number("temperature", 0, 2) : current.temperature();
        Integer maxTokens = body.has("max_tokens") || current == null ? body.integer("max_tokens", 1) : current.maxTokens();
        List<Route.Fallback> fallbacks = body.has("fallbacks") || current == null ? fallbacks(type, body, model)
                : current.fallbacks();
        Route route = new Route(type.name(), user, provider.id(), model.id(), presetId, temperature, maxTokens, fallbacks, Timestamps.now(),
                actor(), current == null ? 0 : current.version() + 1);
        routing.save(route);
        changes.changed("route saved");
        return (user == null ? routing.globalRoute(type.name()) : routing.userRoute(user, type.name())).orElseThrow();
    }

    /** The ordered fallbacks: each names its model like the route does, and must fit the type. */
    private List<Route.Fallback> fallbacks(InteractionType type, JsonBody body, Model primary) {
        JsonNode list = body.node("fallbacks");
        if (list == null) {
            return List.of();
        }
        if (!list.isArray()) {
            throw ApiException.invalid("fallbacks", "array", "'fallbacks' must be an array of {provider_id, model_name} objects");
        }
        if (list.size() > MAX_FALLBACKS) {
            throw ApiException.invalid("fallbacks", "max_items", "At most " + MAX_FALLBACKS + " fallbacks");
        }
        List<Route.Fallback> fallbacks = new java.util.ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String prefix = "fallbacks[" + i + "].";
            JsonBody entry;
            try {
                entry = JsonBody.of(list.get(i), FALLBACK_FIELDS, ROUTE_ALIASES);
            } catch (ApiException e) {
                throw renamed(e, prefix);
            }
            try {
                Provider provider = entry.has("provider_id") ? providers.findById(required(entry.uuid("provider_id"), "provider_id"))
                        .orElseThrow(() -> ApiException.invalid("provider_id", "exists", "No provider has that id")) : null;
                Model model = model(entry, provider);
                if (provider != null && !provider.id().equals(model.providerId())) {
                    throw ApiException.invalid("model_id", "belongs_to_provider", "The model does not belong to that provider");
                }
                checkKind(type, model, entry);
                if (model.id().equals(primary.id()) || fallbacks.stream().anyMatch(f -> f.modelId().equals(model.id()))) {
                    throw ApiException.invalid("model_id", "distinct", "A model appears twice in the route");
                }
                fallbacks.add(new Route.Fallback(model.providerId(), model.id()));
            } catch (ApiException e) {
                throw renamed(e, prefix);
            }
        }
        return List.copyOf(fallbacks);
    }

    private static ApiException renamed(ApiException e, String prefix) {
        return ApiException.invalid(e.violations().stream().map(v -> new dev.muninn.server.error.FieldViolation(
                prefix + (v.field() == null ? "" : v.field()), v.rule(), v.message())).toList());
    }

    private Model model(JsonBody body, Provider provider) {
        if (body.has("model_id")) {
            UUID id = required(body.uuid("model_id"), "model_id");
            return models.findById(id).orElseThrow(() -> ApiException.invalid("model_id", "exists", "No model has id '" + id + "'"));
        }
        if (body.has("model_key")) {
            String key = body.requiredText("model_key").toLowerCase(java.util.Locale.ROOT);
            return models.findByKey(key).orElseThrow(() -> ApiException.invalid("model_key", "exists", "No model has key '" + key + "'"));
        }
        String name = body.requiredText("model");
        if (provider == null) {
            throw ApiException.invalid("provider_id", "required", "'provider_id' is required with 'model_name'");
        }
        return models.findByProviderAndModel(provider.id(), name).orElseThrow(() -> ApiException.invalid(
                body.has("model") ? "model_name" : "model", "exists", "Model '" + name + "' not found for provider '"
                        + provider.name() + "'; refresh the provider's models or add it with POST /api/v1/llm/providers/"
                        + provider.id() + "/models"));
    }

    private static void checkKind(InteractionType type, Model model, JsonBody body) {
        String field = body.has("model_id") ? "model_id" : body.has("model_key") ? "model_key" : "model_name";
        if (type.kind() == InteractionType.Kind.EMBEDDINGS && !model.supportsEmbeddings()) {
            throw ApiException.invalid(field, "supports_embeddings", "'" + type.name()
                    + "' is an embeddings type and model '" + model.model() + "' does not support embeddings");
        }
        if (type.kind() == InteractionType.Kind.CHAT && model.supportsEmbeddings() && !model.capabilities().streaming()
                && !model.capabilities().toolCalling()) {
            throw ApiException.invalid(field, "chat_model", "'" + type.name() + "' is a chat type and model '"
                    + model.model() + "' is an embeddings model");
        }
    }

    private UUID preset(JsonBody body, Model model, Route current) {
        if (body.has("preset_id") && body.has("preset_key") && !body.isNull("preset_id") && !body.isNull("preset_key")) {
            throw ApiException.invalid("preset_key", "exclusive", "Give either 'preset_id' or 'preset_key', not both");
        }
        if (body.has("preset_id")) {
            UUID id = body.uuid("preset_id");
            if (id == null) {
                return null;
            }
            Preset preset = presets.findById(id).orElseThrow(() -> ApiException.invalid("preset_id", "exists",
                    "No preset has id '" + id + "'"));
            if (!preset.modelId().equals(model.id())) {
                throw ApiException.invalid("preset_id", "belongs_to_model", "The preset belongs to another model");
            }
            return id;
        }
        if (body.has("preset_key")) {
            String key = body.text("preset_key");
            if (key == null) {
                return null;
            }
            return presets.findByModelAndKey(model.id(), key.toLowerCase(java.util.Locale.ROOT)).map(Preset::id)
                    .orElseThrow(() -> ApiException.invalid("preset_key", "exists", "Model '" + model.model()
                            + "' has no preset with key '" + key + "'"));
        }
        return current != null && current.modelId().equals(model.id()) ? current.presetId() : null;
    }

    static String checkedUser(String userId) {
        if (userId == null || !USER_ID.matcher(userId).matches()) {
            throw ApiException.invalid("user_id", "user_id", "'user_id' must be 1 to 200 characters without spaces or '/'");
        }
        return userId;
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw ApiException.invalid(field, "required", "'" + field + "' is required");
        }
        return value;
    }

    private static String actor() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth == null ? null : auth.getName();
    }

}
