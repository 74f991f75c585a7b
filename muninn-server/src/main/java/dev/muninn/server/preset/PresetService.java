package dev.muninn.server.preset;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.muninn.server.catalog.Model;
import dev.muninn.server.catalog.ModelService;
import dev.muninn.server.config.Timestamps;
import dev.muninn.server.error.ApiException;
import dev.muninn.server.json.JsonBody;
import dev.muninn.server.routing.ConfigChanges;
import dev.muninn.server.routing.RouteUsage;
import tools.jackson.databind.JsonNode;

@Service
public class PresetService {

    private static final Set<String> CREATE_FIELDS = Set.of("key", "llm_options_overrides", "comment");
    private static final Set<String> PATCH_FIELDS = Set.of("key", "llm_options_overrides", "comment", "version");
    private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,199}");

    private final PresetRepository presets;
    private final ModelService models;
    private final RouteUsage routeUsage;
    private final ConfigChanges changes;

    PresetService(PresetRepository presets, ModelService models, RouteUsage routeUsage, ConfigChanges changes) {
        this.presets = presets;
        this.models = models;
        this.routeUsage = routeUsage;
        this.changes = changes;
    }

    public Preset get(UUID id) {
        return presets.findById(id).orElseThrow(() -> ApiException.notFound("Preset", id));
    }

    public List<Preset> listByModel(UUID modelId) {
        models.get(modelId);
        return presets.findByModel(modelId);
    }

    @Transactional
    public Preset create(UUID modelId, JsonNode json) {
        Model model = models.get(modelId);
        JsonBody body = JsonBody.of(json, CREATE_FIELDS);
        OffsetDateTime now = Timestamps.now();
        Preset preset = new Preset(UUID.randomUUID(), model.id(), checkedKey(body, model.id(), null),
                body.storedOptions("llm_options_overrides", Map.of(), "part of a preset"), body.text("comment", 4000), now, now, 0);
        presets.insert(preset);
        changes.changed("preset created");
        return preset;
    }

    /** Creates the preset unless the model already has one with this key; never changes an existing one. */
    @Transactional
    public boolean createIfMissing(UUID modelId, String key, Map<String, Object> overrides, String comment) {
        if (presets.findByModelAndKey(modelId, key).isPresent()) {
            return false;
        }
        OffsetDateTime now = Timestamps.now();
        presets.insert(new Preset(UUID.randomUUID(), modelId, key,
                JsonBody.refuseReservedOptions("llm_options_overrides", overrides, "part of a preset"), comment, now, now, 0));
        changes.changed("preset seeded");
        return true;
    }

    @Transactional
    public Preset update(UUID id, JsonNode json) {
        Preset current = get(id);
        JsonBody body = JsonBody.of(json, PATCH_FIELDS);
        body.expectVersion(current.version(), "preset");
        Preset updated = new Preset(id, current.modelId(),
                body.has("key") ? checkedKey(body, current.modelId(), id) : current.key(),
                body.storedOptions("llm_options_overrides", current.llmOptionsOverrides(), "part of a preset"),
                body.has("comment") ? body.text("comment", 4000) : current.comment(), current.createdAt(), Timestamps.now(),
                current.version() + 1);
        presets.update(updated);
        changes.changed("preset updated");
        return updated;
    }

    @Transactional
    public void delete(UUID id) {
        Preset preset = get(id);
        routeUsage.refuseIfUsed("preset_id", id, "Preset '" + (preset.key() == null ? id : preset.key()) + "'");
        presets.delete(id);
        changes.changed("preset deleted");
    }

    private String checkedKey(JsonBody body, UUID modelId, UUID self) {
        String raw = body.text("key", 200);
        if (raw == null) {
            return null;
        }
        String key = raw.toLowerCase(Locale.ROOT);
        if (!KEY.matcher(key).matches()) {
            throw ApiException.invalid("key", "key_format", "'key' may hold letters, digits, '.', '_' and '-'");
        }
        presets.findByModelAndKey(modelId, key).filter(p -> !p.id().equals(self)).ifPresent(p -> {
            throw ApiException.conflict("key", "unique_per_model", "This model already has a preset with key '" + key + "'");
        });
        return key;
    }



}
