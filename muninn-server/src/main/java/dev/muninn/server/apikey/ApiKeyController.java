package dev.muninn.server.apikey;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.muninn.server.error.ApiException;
import dev.muninn.server.json.JsonBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/llm/api-keys")
@Tag(name = "Gateway API keys")
class ApiKeyController {

    private final ApiKeys keys;

    ApiKeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    @Operation(summary = "List the gateway's caller keys (never the keys themselves)")
    List<ApiKey> list() {
        return keys.list();
    }

    @PostMapping
    @Operation(summary = "Create a caller key for /v1; the key is in this response only. With user_id the key speaks "
            + "for that user; without, it is a service token that names the user per request")
    ResponseEntity<CreatedApiKey> create(@RequestBody JsonNode json) {
        JsonBody body = JsonBody.of(json, Set.of("name", "user_id"));
        String name = body.text("name", 200);
        if (name == null) {
            throw ApiException.invalid("name", "required", "'name' is required");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(keys.create(name, body.text("user_id", 200)));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a caller key at once")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        keys.delete(id);
        return ResponseEntity.noContent().build();
    }
}
