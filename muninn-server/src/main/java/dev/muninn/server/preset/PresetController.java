package dev.muninn.server.preset;

import java.util.List;
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
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/llm")
@Tag(name = "LLM Configuration")
class PresetController {

    private final PresetService presets;

    PresetController(PresetService presets) {
        this.presets = presets;
    }

    @GetMapping("/models/{modelId}/presets")
    @Operation(summary = "A model's presets")
    List<Preset> list(@PathVariable UUID modelId) {
        return presets.listByModel(modelId);
    }

    @PostMapping("/models/{modelId}/presets")
    @Operation(summary = "Add a preset; reserved keys in llm_options_overrides are refused")
    ResponseEntity<Preset> create(@PathVariable UUID modelId, @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(presets.create(modelId, body));
    }

    @GetMapping("/presets/{id}")
    @Operation(summary = "Get a preset")
    Preset get(@PathVariable UUID id) {
        return presets.get(id);
    }

    @PatchMapping("/presets/{id}")
    @Operation(summary = "Change a preset")
    Preset update(@PathVariable UUID id, @RequestBody JsonNode body) {
        return presets.update(id, body);
    }

    @DeleteMapping("/presets/{id}")
    @Operation(summary = "Delete a preset; refused while a route uses it")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        presets.delete(id);
        return ResponseEntity.noContent().build();
    }
}
