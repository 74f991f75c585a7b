package dev.muninn.server.routing;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

@RestController
@RequestMapping("/api/v1/llm")
@Tag(name = "LLM Configuration")
class RoutingController {

    private final RoutingService routing;
    private final ConfigSnapshots snapshots;

    RoutingController(RoutingService routing, ConfigSnapshots snapshots) {
        this.routing = routing;
        this.snapshots = snapshots;
    }

    @GetMapping("/config")
    @Operation(summary = "The global configuration of every interaction type")
    List<RouteView> globalConfig() {
        Map<String, Route> routes = routing.globalRoutes().stream()
                .collect(Collectors.toMap(Route::interactionType, Function.identity()));
        return routing.types().stream().map(t -> view(t, routes.get(t.name()), null)).toList();
    }

    @GetMapping("/config/{type}")
    @Operation(summary = "The global configuration of one interaction type")
    RouteView globalConfig(@PathVariable String type) {
        InteractionType interactionType = routing.type(type);
        return view(interactionType, routing.globalRoutes().stream().filter(r -> r.interactionType().equals(type))
                .findFirst().orElse(null), null);
    }

    @PutMapping("/config/{type}")
    @Operation(summary = "Route an interaction type: provider_id + model_name (or model_id / model_key), temperature, max_tokens")
    RouteView putGlobal(@PathVariable String type, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = RouteRequest.class))) @RequestBody JsonNode body) {
        return view(routing.type(type), routing.putRoute(type, null, body), null);
    }

    @PatchMapping("/config/{type}")
    @Operation(summary = "Change part of an interaction type's route")
    RouteView patchGlobal(@PathVariable String type, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = RouteRequest.class))) @RequestBody JsonNode body) {
        return view(routing.type(type), routing.patchRoute(type, null, body), null);
    }

    @DeleteMapping("/config/{type}")
    @Operation(summary = "Remove an interaction type's route; it then falls back to the environment")
    ResponseEntity<Void> deleteGlobal(@PathVariable String type) {
        routing.deleteRoute(type, null);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/config/{type}/effective")
    @Operation(summary = "The resolved provider, model and merged options for a user, with where each came from")
    EffectiveView effective(@PathVariable String type, @RequestParam(name = "user_id", required = false) String userId) {
        return EffectiveView.of(snapshots.resolve(userId == null ? null : RoutingService.checkedUser(userId), type), userId);
    }

    @GetMapping("/users")
    @Operation(summary = "Users that have overrides")
    List<String> users() {
        return routing.users();
    }

    @GetMapping("/users/{userId}/config")
    @Operation(summary = "A user's overrides")
    List<RouteView> userConfig(@PathVariable String userId) {
        return routing.userRoutes(userId).stream().map(r -> view(routing.type(r.interactionType()), r, userId)).toList();
    }

    @GetMapping("/users/{userId}/effective")
    @Operation(summary = "A user's effective configuration for every interaction type")
    List<EffectiveView> userEffective(@PathVariable String userId) {
        String user = RoutingService.checkedUser(userId);
        return routing.types().stream().map(t -> EffectiveView.of(snapshots.resolve(user, t.name()), user)).toList();
    }

    @PutMapping("/users/{userId}/config/{type}")
    @Operation(summary = "Set a user's override for an interaction type")
    RouteView putUser(@PathVariable String userId, @PathVariable String type, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = RouteRequest.class))) @RequestBody JsonNode body) {
        return view(routing.type(type), routing.putRoute(type, userId, body), userId);
    }

    @PatchMapping("/users/{userId}/config/{type}")
    @Operation(summary = "Change part of a user's override")
    RouteView patchUser(@PathVariable String userId, @PathVariable String type, @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(schema = @Schema(implementation = RouteRequest.class))) @RequestBody JsonNode body) {
        return view(routing.type(type), routing.patchRoute(type, userId, body), userId);
    }

    @DeleteMapping("/users/{userId}/config/{type}")
    @Operation(summary = "Remove a user's override; the user falls back to the global configuration")
    ResponseEntity<Void> deleteUser(@PathVariable String userId, @PathVariable String type) {
        routing.deleteRoute(type, userId);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/interaction-types")
    @Operation(summary = "Interaction types: the five built in and custom ones")
    List<InteractionType> types() {
        return routing.types();
    }

    @PostMapping("/interaction-types")
    @Operation(summary = "Add a custom interaction type (lowercase slug; kind chat or embeddings)")
    ResponseEntity<InteractionType> createType(@RequestBody JsonNode body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(routing.createType(body));
    }

    @GetMapping("/interaction-types/{name}")
    @Operation(summary = "Get an interaction type")
    InteractionType type(@PathVariable String name) {
        return routing.type(name);
    }

    @PatchMapping("/interaction-types/{name}")
    @Operation(summary = "Change an interaction type's description")
    InteractionType updateType(@PathVariable String name, @RequestBody JsonNode body) {
        return routing.updateType(name, body);
    }

    @DeleteMapping("/interaction-types/{name}")
    @Operation(summary = "Delete a custom interaction type; built-in ones and types still routed are refused")
    ResponseEntity<Void> deleteType(@PathVariable String name) {
        routing.deleteType(name);
        return ResponseEntity.noContent().build();
    }

    private RouteView view(InteractionType type, Route route, String userId) {
        if (route == null) {
            return new RouteView(type.name(), type.kind().value(), userId, false, null, null, null, null, null, null, null,
                    null, null, null, List.of(), null, null, null);
        }
        ConfigSnapshot snapshot = snapshots.current();
        var provider = snapshot == null ? null : snapshot.provider(route.providerId()).orElse(null);
        var model = snapshot == null ? null : snapshot.model(route.modelId()).orElse(null);
        var preset = snapshot == null || route.presetId() == null ? null : snapshot.preset(route.presetId()).orElse(null);
        return new RouteView(type.name(), type.kind().value(), route.userId(), true, route.providerId(),
                provider == null ? null : provider.name(), provider == null ? null : provider.type().value(), route.modelId(),
                model == null ? null : model.model(), model == null ? null : model.key(), route.presetId(),
                preset == null ? null : preset.key(), route.temperature(), route.maxTokens(),
                route.fallbacks().stream().map(f -> new RouteView.FallbackView(f.providerId(),
                        snapshot == null ? null : snapshot.provider(f.providerId()).map(p -> p.name()).orElse(null), f.modelId(),
                        snapshot == null ? null : snapshot.model(f.modelId()).map(m -> m.model()).orElse(null))).toList(),
                route.updatedAt(), route.updatedBy(), route.version());
    }
}
