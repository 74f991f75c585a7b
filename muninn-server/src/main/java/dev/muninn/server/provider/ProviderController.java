package dev.muninn.server.provider;

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
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/llm/providers")
@Tag(name = "LLM Configuration")
class ProviderController {

    private final ProviderService providers;

    ProviderController(ProviderService providers) {
        this.providers = providers;
    }

    @GetMapping
    @Operation(summary = "List providers")
    List<ProviderView> list() {
        return providers.list().stream().map(providers::view).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a provider")
    ProviderView get(@PathVariable UUID id) {
        return providers.view(providers.get(id));
    }

    @PostMapping
    @Operation(summary = "Add a provider (openai, anthropic, or custom OpenAI-compatible server)")
    ResponseEntity<ProviderView> create(@io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ProviderRequest.class))) @RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(providers.view(providers.create(body)));
    }

    @PatchMapping("/{id}")
    @Operation(summary = "Change a provider; absent fields stay, null clears")
    ProviderView update(@PathVariable UUID id, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = ProviderRequest.class))) @RequestBody JsonNode body) {
        return providers.view(providers.update(id, body));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a provider and its models; refused while a route uses it")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        providers.delete(id);
        return ResponseEntity.noContent().build();
    }
}
