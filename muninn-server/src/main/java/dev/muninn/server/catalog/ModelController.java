package dev.muninn.server.catalog;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.muninn.server.provider.Provider;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/llm")
@Tag(name = "LLM Configuration")
class ModelController {

    private final ModelService models;
    private final ModelDiscoveryService discovery;

    ModelController(ModelService models, ModelDiscoveryService discovery) {
        this.models = models;
        this.discovery = discovery;
    }

    @GetMapping("/providers/{providerId}/models")
    @Operation(summary = "A provider's models; fetched from the provider when none are cached or refresh=true")
    List<ModelView> providerModels(@PathVariable UUID providerId,
            @RequestParam(defaultValue = "false") boolean refresh) {
        return discovery.modelsOf(providerId, refresh).stream().map(models::view).toList();
    }

    @PostMapping("/providers/{providerId}/validate")
    @Operation(summary = "Validate a provider by listing its models with the stored key; sets validated_at or the error")
    ValidationView validate(@PathVariable UUID providerId) {
        Provider provider = discovery.validate(providerId);
        return new ValidationView(provider.id(), provider.validationError() == null, provider.validatedAt(),
                provider.validationError());
    }

    /** The outcome of a validation. */
    record ValidationView(UUID providerId, boolean valid, OffsetDateTime validatedAt, String error) {
    }

    @PostMapping("/providers/{providerId}/models")
    @Operation(summary = "Add a model by hand")
    ResponseEntity<ModelView> create(@PathVariable UUID providerId, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ModelRequest.class))) @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(models.view(models.create(providerId, body)));
    }

    @PostMapping("/providers/{providerId}/models/enable-all")
    @Operation(summary = "Enable every model of the provider")
    Map<String, Integer> enableAll(@PathVariable UUID providerId) {
        return Map.of("changed", models.setAllEnabled(providerId, true));
    }

    @PostMapping("/providers/{providerId}/models/disable-all")
    @Operation(summary = "Disable every model of the provider")
    Map<String, Integer> disableAll(@PathVariable UUID providerId) {
        return Map.of("changed", models.setAllEnabled(providerId, false));
    }

    @GetMapping("/models")
    @Operation(summary = "Every model of every provider, optionally only one key or only enabled ones")
    List<ModelView> all(@RequestParam(required = false) String key, @RequestParam(required = false) Boolean enabled) {
        return models.listAll().stream()
                .filter(m -> key == null || key.equalsIgnoreCase(m.key()))
                .filter(m -> enabled == null || m.enabled() == enabled)
                .map(models::view).toList();
    }

    @GetMapping("/models/{id}")
    @Operation(summary = "Get a model")
    ModelView get(@PathVariable UUID id) {
        return models.view(models.get(id));
    }

    @PatchMapping("/models/{id}")
    @Operation(summary = "Change a model; edited fields are kept when the provider is refreshed")
    ModelView update(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ModelRequest.class))) @RequestBody JsonNode body) {
        return models.view(models.update(id, body));
    }

    @DeleteMapping("/models/{id}")
    @Operation(summary = "Delete a model and its presets; refused while a route uses it")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        models.delete(id);
        return ResponseEntity.noContent().build();
    }
}
