package dev.muninn.server.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import dev.muninn.server.catalog.ModelDiscoveryService;
import dev.muninn.server.catalog.ModelService;
import dev.muninn.server.error.ApiException;
import dev.muninn.server.json.Json;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.provider.ProviderService;
import dev.muninn.server.provider.ProviderView;

/**
 * Providers: the list with enabled state, key state and validation; add and edit forms; and the
 * row actions (validate, refresh models, enable or disable all models, delete), each through
 * the same services as the REST API.
 */
@Controller
@RequestMapping("/ui/providers")
class ProvidersPage {

    static final List<String> FIELDS = List.of("name", "provider_type", "base_url", "api_prefix", "api_key",
            "api_key_env", "enabled", "headers", "llm_options_defaults", "message_overhead_tokens");
    private static final Map<String, String> ALIASES = Map.of("api_base_url", "base_url", "api_format", "provider_type");

    private final ProviderService providers;
    private final ModelService models;
    private final ModelDiscoveryService discovery;

    ProvidersPage(ProviderService providers, ModelService models, ModelDiscoveryService discovery) {
        this.providers = providers;
        this.models = models;
        this.discovery = discovery;
    }

    @GetMapping
    String list(ModelMap page) {
        page.addAttribute("rows", providers.list().stream().map(p -> row(p, null, false)).toList());
        return "ui/providers";
    }

    @GetMapping("/new")
    String newForm(@RequestParam(name = "type", defaultValue = "custom") String type, ModelMap page) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("provider_type", type);
        form.put("enabled", "on");
        return form(page, null, form, FormErrors.NONE);
    }

    @PostMapping
    String create(@RequestParam MultiValueMap<String, String> form, ModelMap page, RedirectAttributes redirect) {
        try {
            FormBody body = FormBody.from(form).text("name", false).text("provider_type", false).text("base_url", false)
                    .text("api_prefix", false).text("api_key", false).text("api_key_env", false).checkbox("enabled")
                    .jsonObject("headers", false).jsonObject("llm_options_defaults", false)
                    .number("message_overhead_tokens", false);
            Provider created = providers.create(body.json());
            redirect.addFlashAttribute("notice", "Added provider '" + created.name()
                    + "'. Validate it to check that Muninn can reach it with its key.");
            return "redirect:/ui/providers#provider-" + created.id();
        } catch (FormBody.InvalidJson e) {
            return form(page, null, redisplay(form), e.errors());
        } catch (ApiException e) {
            return form(page, null, redisplay(form), FormErrors.of(e, FIELDS, ALIASES));
        }
    }

    @GetMapping("/{id}/edit")
    String edit(@PathVariable UUID id, ModelMap page) {
        ProviderView p = providers.view(providers.get(id));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", p.name());
        form.put("provider_type", p.providerType());
        form.put("base_url", p.baseUrl());
        form.put("api_prefix", p.apiPrefix());
        if (p.apiKeySource() != null && p.apiKeySource().startsWith("env:")) {
            form.put("api_key_env", p.apiKeySource().substring(4));
        }
        if (p.enabled()) {
            form.put("enabled", "on");
        }
        form.put("headers", p.headers().isEmpty() ? "" : Json.write(p.headers()));
        form.put("llm_options_defaults", p.llmOptionsDefaults().isEmpty() ? "" : Json.write(p.llmOptionsDefaults()));
        form.put("message_overhead_tokens", String.valueOf(p.messageOverheadTokens()));
        form.put("version", String.valueOf(p.version()));
        return form(page, p, form, FormErrors.NONE);
    }

    @PostMapping("/{id}")
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, ModelMap page,
            RedirectAttributes redirect) {
        ProviderView current = providers.view(providers.get(id));
        try {
            FormBody body = FormBody.from(form).text("name", true).text("base_url", true).text("api_prefix", true)
                    .checkbox("enabled").jsonObject("headers", true).jsonObject("llm_options_defaults", true)
                    .number("message_overhead_tokens", true).number("version", false);
            keyChange(body, form, current);
            Provider updated = providers.update(id, body.json());
            redirect.addFlashAttribute("notice", "Saved provider '" + updated.name() + "'.");
            return "redirect:/ui/providers#provider-" + id;
        } catch (FormBody.InvalidJson e) {
            return form(page, current, redisplay(form), e.errors());
        } catch (ApiException e) {
            return form(page, current, redisplay(form), FormErrors.of(e, FIELDS, ALIASES));
        }
    }

    /** The key is write-only: a typed key replaces it, the clear box removes it, and blank keeps it. */
    private static void keyChange(FormBody body, MultiValueMap<String, String> form, ProviderView current) {
        String key = body.value("api_key");
        String env = body.value("api_key_env");
        String currentEnv = current.apiKeySource() != null && current.apiKeySource().startsWith("env:")
                ? current.apiKeySource().substring(4) : null;
        if (key != null) {
            body.put("api_key", key);
        } else if (form.containsKey("clear_api_key")) {
            body.json().putNull("api_key");
        } else if (env != null && !env.equals(currentEnv)) {
            body.put("api_key_env", env);
        } else if (env == null && currentEnv != null) {
            body.json().putNull("api_key_env");
        }
    }

    @PostMapping("/{id}/validate")
    String validate(@PathVariable UUID id, ModelMap page) {
        Provider p = discovery.validate(id);
        String message = p.validationError() == null ? "Valid: Muninn reached the provider and listed its models."
                : "Validation failed.";
        return rowFragment(page, row(providers.get(id), message, p.validationError() != null));
    }

    @PostMapping("/{id}/refresh")
    String refresh(@PathVariable UUID id, ModelMap page) {
        try {
            List<Model> listed = discovery.modelsOf(id, true);
            return rowFragment(page, row(providers.get(id), "Refreshed: the provider has " + listed.size() + " model(s).", false));
        } catch (ApiException e) {
            return rowFragment(page, row(providers.get(id), e.getMessage(), true));
        }
    }

    @PostMapping("/{id}/enable-all")
    String enableAll(@PathVariable UUID id, ModelMap page) {
        int changed = models.setAllEnabled(id, true);
        return rowFragment(page, row(providers.get(id), "Enabled " + changed + " model(s).", false));
    }

    @PostMapping("/{id}/disable-all")
    String disableAll(@PathVariable UUID id, ModelMap page) {
        int changed = models.setAllEnabled(id, false);
        return rowFragment(page, row(providers.get(id), "Disabled " + changed + " model(s).", false));
    }

    @PostMapping("/{id}/delete")
    String delete(@PathVariable UUID id, @RequestHeader(name = "HX-Request", required = false) String htmx,
            ModelMap page, RedirectAttributes redirect) {
        Provider p = providers.get(id);
        try {
            providers.delete(id);
            redirect.addFlashAttribute("notice", "Deleted provider '" + p.name() + "' and its models.");
        } catch (ApiException e) {
            if (htmx != null) {
                return rowFragment(page, row(p, e.getMessage(), true));
            }
            redirect.addFlashAttribute("notice", e.getMessage());
        }
        return "redirect:/ui/providers";
    }

    private ProviderRow row(Provider p, String message, boolean failed) {
        List<Model> all = models.listByProvider(p.id());
        return new ProviderRow(providers.view(p), all.size(), (int) all.stream().filter(Model::enabled).count(), message,
                failed);
    }

    private static String rowFragment(ModelMap page, ProviderRow row) {
        page.addAttribute("row", row);
        return "ui/provider-row :: row";
    }

    private static String form(ModelMap page, ProviderView existing, Map<String, String> form, FormErrors errors) {
        page.addAttribute("provider", existing);
        page.addAttribute("f", form);
        page.addAttribute("errors", errors);
        return "ui/provider-form";
    }

    /** The submitted values to show again; never the key. */
    private static Map<String, String> redisplay(MultiValueMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>(form.toSingleValueMap());
        values.remove("api_key");
        values.remove("_csrf");
        return values;
    }
}
