package dev.muninn.server.ui;

import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.muninn.server.catalog.Model;
import dev.muninn.server.error.ApiException;
import dev.muninn.server.routing.ConfigSnapshots;
import dev.muninn.server.routing.InteractionType;
import dev.muninn.server.routing.Route;
import dev.muninn.server.routing.RoutingService;

/**
 * The configuration page: one row per interaction type. Each change to a row saves at once
 * through {@link RoutingService}, the same path as {@code PUT /api/v1/llm/config/{type}}.
 */
@Controller
@RequestMapping("/ui/config")
class ConfigurationPage {

    static final Map<String, String> ROUTE_ALIASES = Map.of("model_name", "model_id", "model", "model_id", "model_key",
            "model_id", "preset_key", "preset_id");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final RoutingService routing;
    private final RouteChoices choices;
    private final ConfigSnapshots snapshots;

    ConfigurationPage(RoutingService routing, RouteChoices choices, ConfigSnapshots snapshots) {
        this.routing = routing;
        this.choices = choices;
        this.snapshots = snapshots;
    }

    @GetMapping
    String page(ModelMap page) {
        page.addAttribute("rows", routing.types().stream().map(t -> stored(t, null, null)).toList());
        page.putIfAbsent("typeErrors", FormErrors.NONE);
        page.putIfAbsent("typeForm", Map.of());
        return "ui/config";
    }

    @PostMapping("/{type}")
    String save(@PathVariable String type, @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = "HX-Request", required = false) String htmx, ModelMap page) {
        RouteForm row = change(routing.type(type), null, form, routing, choices, snapshots);
        if (htmx == null) {
            // Without JavaScript the form posts normally: answer with the whole page, this row included.
            page.addAttribute("rows", routing.types().stream()
                    .map(t -> t.name().equals(type) ? row : stored(t, null, null)).toList());
            page.addAttribute("typeErrors", FormErrors.NONE);
            page.addAttribute("typeForm", Map.of());
            return "ui/config";
        }
        page.addAttribute("r", row);
        return "ui/route :: route";
    }

    @PostMapping("/types")
    String addType(@RequestParam MultiValueMap<String, String> form, ModelMap page, RedirectAttributes redirect) {
        FormBody body = FormBody.from(form).text("name", false).text("kind", false).text("description", false);
        try {
            InteractionType type = routing.createType(body.json());
            redirect.addFlashAttribute("notice", "Added the interaction type '" + type.name() + "'. Route it below.");
            return "redirect:/ui/config#route-" + type.name();
        } catch (ApiException e) {
            page.addAttribute("typeErrors", FormErrors.of(e, List.of("name", "kind", "description")));
            page.addAttribute("typeForm", form.toSingleValueMap());
            return page(page);
        }
    }

    /** The route as stored, with what answers now. */
    RouteForm stored(InteractionType type, String userId, String status) {
        Optional<Route> route = (userId == null ? routing.globalRoutes() : routing.userRoutes(userId)).stream()
                .filter(r -> r.interactionType().equals(type.name())).findFirst();
        UUID providerId = route.map(Route::providerId).orElse(null);
        UUID modelId = route.map(Route::modelId).orElse(null);
        UUID presetId = route.map(Route::presetId).orElse(null);
        return new RouteForm(type, userId, str(providerId), str(modelId), str(presetId),
                route.map(Route::temperature).orElse(null), route.map(Route::maxTokens).orElse(null),
                fallbackText(route.map(Route::fallbacks).orElse(List.of()), snapshots),
                choices.providers(providerId), choices.models(providerId, type.kind(), modelId),
                choices.presets(modelId, presetId), Effective.of(snapshots.resolve(userId, type.name())), FormErrors.NONE,
                status);
    }

    /** A route's fallbacks as the form shows them: model keys (ids for models without one), comma-separated. */
    static String fallbackText(List<Route.Fallback> fallbacks, ConfigSnapshots snapshots) {
        var snapshot = snapshots.current();
        return fallbacks.stream().map(f -> snapshot == null ? f.modelId().toString()
                : snapshot.model(f.modelId()).map(m -> m.key() != null ? m.key() : m.id().toString())
                        .orElse(f.modelId().toString()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String storedFallbacks(InteractionType type, String userId, RoutingService routing,
            ConfigSnapshots snapshots) {
        return (userId == null ? routing.globalRoutes() : routing.userRoutes(userId)).stream()
                .filter(r -> r.interactionType().equals(type.name())).findFirst()
                .map(r -> fallbackText(r.fallbacks(), snapshots)).orElse("");
    }

    /** The fallbacks field (model keys or ids, comma-separated, in order) as the API's fallbacks array. */
    static void putFallbacks(tools.jackson.databind.node.ObjectNode json, String text) {
        json.remove("fallbacks");
        var list = json.putArray("fallbacks");
        for (String token : (text == null ? "" : text).split(",")) {
            String model = token.strip();
            if (model.isEmpty()) {
                continue;
            }
            var entry = list.addObject();
            if (RouteChoices.uuid(model) != null) {
                entry.put("model_id", model);
            } else {
                entry.put("model_key", model);
            }
        }
    }

    /**
     * Applies a submitted route form. When the provider was just changed, the model list follows
     * it and nothing is saved until a model of that provider is picked.
     */
    static RouteForm change(InteractionType type, String userId, MultiValueMap<String, String> form, RoutingService routing,
            RouteChoices choices, ConfigSnapshots snapshots) {
        FormBody values = FormBody.from(form);
        UUID providerId = RouteChoices.uuid(values.value("provider_id"));
        UUID requestedModel = RouteChoices.uuid(values.value("model_id"));
        Model model = choices.modelOf(providerId, requestedModel);
        UUID presetId = model == null ? null : choices.presetOf(model.id(), RouteChoices.uuid(values.value("preset_id")));
        Double temperature = parseDouble(values.value("temperature"));
        Integer maxTokens = parseInt(values.value("max_tokens"));
        String status;
        FormErrors errors = FormErrors.NONE;
        if (providerId != null && model == null) {
            status = "Pick a model of " + choices.providerName(providerId) + " to save this route.";
        } else {
            FormBody body = FormBody.from(form).number("temperature", true).number("max_tokens", true);
            body.json().put("provider_id", providerId == null ? null : providerId.toString());
            body.json().put("model_id", model == null ? null : model.id().toString());
            body.json().put("preset_id", presetId == null ? null : presetId.toString());
            if (providerId == null) {
                body.json().remove("provider_id");
                body.json().remove("model_id");
            }
            putFallbacks(body.json(), form.containsKey("fallbacks") ? values.value("fallbacks")
                    : storedFallbacks(type, userId, routing, snapshots));
            try {
                routing.putRoute(type.name(), userId, body.json());
                status = "Saved at " + LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS).format(TIME)
                        + " UTC.";
            } catch (ApiException e) {
                errors = FormErrors.of(e, RouteForm.FIELDS, ROUTE_ALIASES);
                status = "Not saved: " + (errors.fields().isEmpty() ? String.join(" ", errors.general())
                        : "see the message next to the field.");
            }
        }
        UUID modelId = model == null ? null : model.id();
        String fallbacks = form.containsKey("fallbacks") ? values.value("fallbacks") : storedFallbacks(type, userId, routing, snapshots);
        return new RouteForm(type, userId, str(providerId), str(modelId), str(presetId), temperature, maxTokens,
                fallbacks == null ? "" : fallbacks,
                choices.providers(providerId), choices.models(providerId, type.kind(), modelId),
                choices.presets(modelId, presetId), Effective.of(snapshots.resolve(userId, type.name())), errors, status);
    }

    private static String str(UUID id) {
        return id == null ? null : id.toString();
    }

    private static Double parseDouble(String value) {
        try {
            return value == null ? null : Double.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer parseInt(String value) {
        try {
            return value == null ? null : Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
