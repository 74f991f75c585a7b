package dev.muninn.server.seed;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.muninn.server.catalog.Model;
import dev.muninn.server.config.Timestamps;
import dev.muninn.server.catalog.ModelService;
import dev.muninn.server.json.Json;
import dev.muninn.server.preset.Preset;
import dev.muninn.server.preset.PresetService;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.provider.ProviderRepository;
import dev.muninn.server.provider.ProviderService;
import dev.muninn.server.routing.RoutingService;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Loads {@code seed/llm-seed.json}: providers, their models, default presets and the five
 * interaction configs. Create-only: whatever exists already, by name, model or key, is left
 * exactly as a user left it, so seeding again never overwrites an edit.
 */
@Service
public class SeedService {

    private static final Logger log = LoggerFactory.getLogger(SeedService.class);

    private final ProviderService providers;
    private final ProviderRepository providerRepository;
    private final ModelService models;
    private final PresetService presets;
    private final RoutingService routing;
    private final Environment environment;
    private final JdbcClient jdbc;
    private final String mockBaseUrl;

    SeedService(ProviderService providers, ProviderRepository providerRepository, ModelService models, PresetService presets,
            RoutingService routing, Environment environment, JdbcClient jdbc, @Value("${muninn.mock.base-url:${MOCK_LLM_BASE_URL:}}") String mockBaseUrl) {
        this.providers = providers;
        this.providerRepository = providerRepository;
        this.models = models;
        this.presets = presets;
        this.routing = routing;
        this.environment = environment;
        this.jdbc = jdbc;
        this.mockBaseUrl = mockBaseUrl;
    }

    /** What one seeding run created. */
    public record SeedReport(List<String> created) {
    }

    /** Whether start-up seeding already ran on this database. */
    public boolean seededBefore() {
        return jdbc.sql("SELECT COUNT(*) FROM muninn_seed_runs").query(Long.class).single() > 0;
    }

    /**
     * The start-up seed: only on a database never seeded. The marker row is written first, so
     * when two replicas start together on an empty database one seeds and the other's insert
     * fails and rolls back whole.
     */
    @Transactional
    public SeedReport seedFirstStart(int serverPort) {
        jdbc.sql("INSERT INTO muninn_seed_runs (id, seeded_at) VALUES (1, ?)").param(Timestamps.now()).update();
        return seed(serverPort);
    }

    /** Seeds what is missing; {@code serverPort} locates the built-in mock when MOCK_LLM_BASE_URL is not set. */
    @Transactional
    public SeedReport seed(int serverPort) {
        JsonNode seed = read();
        List<String> created = new ArrayList<>();
        boolean mockAvailable = !environment.acceptsProfiles(Profiles.of("production"));
        for (JsonNode entry : seed.get("providers")) {
            boolean mock = entry.path("mock").asBoolean(false);
            if (mock && !mockAvailable) {
                continue;
            }
            seedProvider(entry, mock, serverPort, created);
        }
        seedRoutes(seed.get("interaction_configs"), mockAvailable, created);
        if (created.isEmpty()) {
            log.info("Seed: nothing to add, the configuration already has every seeded entry");
        } else {
            log.info("Seed: added {} entries ({})", created.size(), String.join(", ", created));
        }
        return new SeedReport(created);
    }

    private void seedProvider(JsonNode entry, boolean mock, int serverPort, List<String> created) {
        ObjectNode body = ((ObjectNode) entry.get("provider")).deepCopy();
        String name = body.get("name").asString();
        Provider provider = providerRepository.findByName(name).orElse(null);
        if (provider == null) {
            if (mock) {
                body.put("base_url", mockBaseUrl.isBlank() ? "http://localhost:" + serverPort + "/mock_llm" : mockBaseUrl);
            }
            String key = entry.has("api_key_env") ? env(entry.get("api_key_env").asString()) : null;
            if (key != null) {
                body.put("api_key", key);
            }
            provider = providers.create(body);
            created.add("provider " + name);
        }
        for (JsonNode modelEntry : entry.path("models")) {
            ObjectNode modelBody = ((ObjectNode) modelEntry).deepCopy();
            JsonNode preset = modelBody.remove("preset");
            String modelId = modelBody.get("model").asString();
            boolean existed = models.listByProvider(provider.id()).stream().anyMatch(m -> m.model().equals(modelId));
            if (!existed && modelBody.has("key") && models.listAll().stream()
                    .anyMatch(m -> modelBody.get("key").asString().equals(m.key()))) {
                modelBody.remove("key"); // someone took the key for another model: keep theirs
            }
            Model model = models.seed(provider.id(), modelBody);
            if (!existed) {
                created.add("model " + name + "/" + modelId);
            }
            if (preset != null && presets.createIfMissing(model.id(), Preset.DEFAULT_KEY, Json.toMap(preset),
                    "Recommended sampling parameters (seeded)")) {
                created.add("preset " + modelId + ":default");
            }
        }
    }

    private void seedRoutes(JsonNode configs, boolean mockAvailable, List<String> created) {
        boolean openAiKey = env("OPENAI_API_KEY") != null;
        String profile = openAiKey ? "openai" : "mock";
        if (!openAiKey && !mockAvailable) {
            log.info("Seed: no OPENAI_API_KEY and no mock in production: interaction types are left unrouted");
            return;
        }
        JsonNode config = configs.get(profile);
        Provider provider = providerRepository.findByName(config.get("provider").asString()).orElse(null);
        if (provider == null) {
            return;
        }
        Map<String, Boolean> routed = new java.util.HashMap<>();
        routing.globalRoutes().forEach(r -> routed.put(r.interactionType(), true));
        List<String> seededTypes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> route : config.get("routes").properties()) {
            if (routed.containsKey(route.getKey())) {
                continue;
            }
            ObjectNode body = Json.mapper().createObjectNode();
            body.put("provider_id", provider.id().toString());
            body.put("model_name", route.getValue().get("model").asString());
            body.set("temperature", route.getValue().get("temperature"));
            routing.putRoute(route.getKey(), null, body);
            seededTypes.add(route.getKey());
            created.add("route " + route.getKey());
        }
        if (!seededTypes.isEmpty()) {
            log.info(openAiKey ? "Seed: OPENAI_API_KEY is set, so {} route to OpenAI with the default models"
                    : "Seed: no OPENAI_API_KEY, so {} route to the built-in mock LLM; add a provider and re-route them",
                    String.join(", ", seededTypes));
        }
    }

    private String env(String name) {
        String value = environment.getProperty(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static JsonNode read() {
        try (InputStream in = new ClassPathResource("seed/llm-seed.json").getInputStream()) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("seed/llm-seed.json cannot be read", e);
        }
    }
}
