package dev.muninn.server.ui;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriUtils;

import dev.muninn.server.error.ApiException;
import dev.muninn.server.routing.ConfigSnapshots;
import dev.muninn.server.routing.InteractionType;
import dev.muninn.server.routing.RoutingService;

/**
 * User overrides: find a user, see what answers each interaction type for them and why, and add,
 * change or remove their overrides.
 */
@Controller
class UsersPage {

    private final RoutingService routing;
    private final RouteChoices choices;
    private final ConfigSnapshots snapshots;
    private final ConfigurationPage configuration;

    UsersPage(RoutingService routing, RouteChoices choices, ConfigSnapshots snapshots, ConfigurationPage configuration) {
        this.routing = routing;
        this.choices = choices;
        this.snapshots = snapshots;
        this.configuration = configuration;
    }

    @GetMapping("/ui/users")
    String find(@RequestParam(name = "q", required = false) String query, ModelMap page) {
        String q = query == null ? "" : query.strip();
        List<String> users = routing.users().stream()
                .filter(u -> q.isEmpty() || u.toLowerCase(Locale.ROOT).contains(q.toLowerCase(Locale.ROOT))).toList();
        page.addAttribute("q", q);
        page.addAttribute("users", users);
        page.addAttribute("exact", users.contains(q));
        return "ui/users";
    }

    @GetMapping("/ui/users/{userId}")
    String user(@PathVariable String userId, ModelMap page) {
        return userPage(page, userId, Map.of(), FormErrors.NONE);
    }

    @PostMapping("/ui/users/{userId}/overrides")
    String add(@PathVariable String userId, @RequestParam MultiValueMap<String, String> form, ModelMap page,
            RedirectAttributes redirect) {
        String type = form.getFirst("interaction_type");
        FormBody body = FormBody.from(form).text("provider_id", false).text("model_id", false)
                .number("temperature", false).number("max_tokens", false);
        try {
            routing.putRoute(type == null ? "" : type, userId, body.json());
            redirect.addFlashAttribute("notice", "Added an override of '" + type + "' for " + userId + ".");
            return "redirect:/ui/users/" + encode(userId) + "#override-" + type;
        } catch (ApiException e) {
            List<String> fields = List.of("interaction_type", "provider_id", "model_id", "temperature", "max_tokens");
            Map<String, String> aliases = new LinkedHashMap<>(ConfigurationPage.ROUTE_ALIASES);
            aliases.put("user_id", "interaction_type");
            return userPage(page, userId, form.toSingleValueMap(), FormErrors.of(e, fields, aliases));
        }
    }

    @PostMapping("/ui/users/{userId}/config/{type}")
    String save(@PathVariable String userId, @PathVariable String type, @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = "HX-Request", required = false) String htmx, ModelMap page) {
        RouteForm row = ConfigurationPage.change(routing.type(type), userId, form, routing, choices, snapshots);
        if (htmx == null) {
            return "redirect:/ui/users/" + encode(userId) + "#override-" + type;
        }
        page.addAttribute("r", row);
        return "ui/route :: route";
    }

    @PostMapping("/ui/users/{userId}/config/{type}/delete")
    String remove(@PathVariable String userId, @PathVariable String type, RedirectAttributes redirect) {
        try {
            routing.deleteRoute(type, userId);
            redirect.addFlashAttribute("notice", "Removed the override of '" + type + "'; " + userId
                    + " now gets the global configuration.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("notice", e.getMessage());
        }
        return "redirect:/ui/users/" + encode(userId);
    }

    /** The model options of a provider for a type, for the add-override form's model list. */
    @GetMapping("/ui/options/models")
    String modelOptions(@RequestParam(name = "provider_id", required = false) String providerId,
            @RequestParam(name = "interaction_type", required = false) String type, ModelMap page) {
        InteractionType.Kind kind = routing.types().stream().filter(t -> t.name().equals(type)).findFirst()
                .map(InteractionType::kind).orElse(InteractionType.Kind.CHAT);
        page.addAttribute("options", choices.models(RouteChoices.uuid(providerId), kind, null));
        page.addAttribute("placeholder", providerId == null || providerId.isBlank() ? "Choose a provider first" : "Choose a model");
        return "ui/options :: options";
    }

    private String userPage(ModelMap page, String userId, Map<String, String> form, FormErrors errors) {
        try {
            routing.userRoutes(userId);
        } catch (ApiException e) {
            page.addAttribute("q", userId);
            page.addAttribute("users", List.of());
            page.addAttribute("exact", true);
            page.addAttribute("queryError", e.getMessage());
            return "ui/users";
        }
        List<InteractionType> types = routing.types();
        page.addAttribute("userId", userId);
        page.addAttribute("effective", types.stream().map(t -> Map.entry(t, Effective.of(snapshots.resolve(userId, t.name()))))
                .toList());
        page.addAttribute("overrides", routing.userRoutes(userId).stream()
                .map(r -> configuration.stored(routing.type(r.interactionType()), userId, null)).toList());
        page.addAttribute("types", types);
        page.addAttribute("providers", choices.providers(RouteChoices.uuid(form.get("provider_id"))));
        String type = form.getOrDefault("interaction_type", types.isEmpty() ? null : types.get(0).name());
        InteractionType.Kind kind = types.stream().filter(t -> t.name().equals(type)).findFirst()
                .map(InteractionType::kind).orElse(InteractionType.Kind.CHAT);
        page.addAttribute("models", choices.models(RouteChoices.uuid(form.get("provider_id")), kind,
                RouteChoices.uuid(form.get("model_id"))));
        page.addAttribute("f", form);
        page.addAttribute("errors", errors);
        return "ui/user";
    }

    private static String encode(String userId) {
        return UriUtils.encodePathSegment(userId, StandardCharsets.UTF_8);
    }
}
