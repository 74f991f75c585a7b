package dev.muninn.server.ui;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.muninn.server.catalog.Model;
import dev.muninn.server.catalog.ModelService;
import dev.muninn.server.catalog.ModelView;
import dev.muninn.server.error.ApiException;
import dev.muninn.server.provider.ProviderService;
import dev.muninn.server.provider.ProviderView;

/** The models of a provider: the table, the enabled switch, connection tests, add by hand and edit. */
@Controller
class ModelsPage {

    static final List<String> TEXT_FIELDS = List.of("name", "key", "comment");
    static final List<String> NUMBER_FIELDS = List.of("context_window_tokens", "max_output_tokens",
            "message_overhead_tokens", "input_cost_per_million", "output_cost_per_million");
    static final List<String> FLAGS = List.of("enabled", "supports_tool_calling", "supports_parallel_tool_calls",
            "supports_response_format_json_object", "supports_response_format_json_schema", "supports_streaming",
            "supports_vision", "supports_embeddings");
    static final Map<String, String> FLAG_LABELS = flagLabels();
    private static final List<String> FIELDS = fields();
    private static final Map<String, String> ALIASES = Map.of("model_name", "model", "supports_tools",
            "supports_tool_calling", "context_window", "context_window_tokens");

    private final ProviderService providers;
    private final ModelService models;
    private final ConnectionTester tester;

    ModelsPage(ProviderService providers, ModelService models, ConnectionTester tester) {
        this.providers = providers;
        this.models = models;
        this.tester = tester;
    }

    @GetMapping("/ui/providers/{providerId}/models")
    String list(@PathVariable UUID providerId, ModelMap page) {
        Map<String, String> blank = new LinkedHashMap<>();
        blank.put("enabled", "on");
        blank.put("supports_streaming", "on");
        return listPage(page, providerId, blank, FormErrors.NONE);
    }

    @PostMapping("/ui/providers/{providerId}/models")
    String create(@PathVariable UUID providerId, @RequestParam MultiValueMap<String, String> form, ModelMap page,
            RedirectAttributes redirect) {
        FormBody body = FormBody.from(form).text("model", false);
        TEXT_FIELDS.forEach(f -> body.text(f, false));
        NUMBER_FIELDS.forEach(f -> body.number(f, false));
        FLAGS.forEach(body::checkbox);
        try {
            Model created = models.create(providerId, body.json());
            redirect.addFlashAttribute("notice", "Added model '" + created.model() + "'.");
            return "redirect:/ui/providers/" + providerId + "/models#model-" + created.id();
        } catch (ApiException e) {
            return listPage(page, providerId, form.toSingleValueMap(), FormErrors.of(e, FIELDS, ALIASES));
        }
    }

    @GetMapping("/ui/models/{id}")
    String edit(@PathVariable UUID id, ModelMap page) {
        ModelView m = models.view(models.get(id));
        return editPage(page, m, values(m), FormErrors.NONE);
    }

    /** Sends only the fields that changed, so discovery keeps refreshing the ones nobody touched. */
    @PostMapping("/ui/models/{id}")
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, ModelMap page,
            RedirectAttributes redirect) {
        ModelView current = models.view(models.get(id));
        Map<String, String> before = values(current);
        FormBody submitted = FormBody.from(form);
        FormBody body = FormBody.from(form).number("version", false);
        for (String f : TEXT_FIELDS) {
            if (!Objects.equals(submitted.value(f), before.get(f))) {
                body.text(f, true);
            }
        }
        for (String f : NUMBER_FIELDS) {
            if (!Objects.equals(submitted.value(f), before.get(f))) {
                body.number(f, true);
            }
        }
        for (String f : FLAGS) {
            if (form.containsKey(f) != before.containsKey(f)) {
                body.checkbox(f);
            }
        }
        try {
            models.update(id, body.json());
            redirect.addFlashAttribute("notice", "Saved model '" + current.model() + "'.");
            return "redirect:/ui/providers/" + current.providerId() + "/models#model-" + id;
        } catch (ApiException e) {
            return editPage(page, current, form.toSingleValueMap(), FormErrors.of(e, FIELDS, ALIASES));
        }
    }

    @PostMapping("/ui/models/{id}/enabled")
    String setEnabled(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form, ModelMap page) {
        boolean enabled = form.containsKey("enabled");
        FormBody body = FormBody.from(form).checkbox("enabled");
        try {
            Model m = models.update(id, body.json());
            return row(page, new ModelRow(models.view(m), enabled ? "Enabled." : "Disabled.", false));
        } catch (ApiException e) {
            return row(page, new ModelRow(models.view(models.get(id)), e.getMessage(), true));
        }
    }

    @PostMapping("/ui/models/{id}/test")
    String test(@PathVariable UUID id, ModelMap page) {
        ConnectionTester.Outcome outcome = tester.test(id);
        return row(page, new ModelRow(models.view(models.get(id)), outcome.message(), !outcome.success()));
    }

    @PostMapping("/ui/models/{id}/delete")
    String delete(@PathVariable UUID id, @RequestHeader(name = "HX-Request", required = false) String htmx,
            ModelMap page, RedirectAttributes redirect) {
        Model m = models.get(id);
        try {
            models.delete(id);
            redirect.addFlashAttribute("notice", "Deleted model '" + m.model() + "'.");
        } catch (ApiException e) {
            redirect.addFlashAttribute("notice", e.getMessage());
        }
        return "redirect:/ui/providers/" + m.providerId() + "/models";
    }

    private String listPage(ModelMap page, UUID providerId, Map<String, String> form, FormErrors errors) {
        ProviderView provider = providers.view(providers.get(providerId));
        page.addAttribute("provider", provider);
        page.addAttribute("rows", models.listByProvider(providerId).stream()
                .map(m -> new ModelRow(models.view(m), null, false)).toList());
        page.addAttribute("f", form);
        page.addAttribute("errors", errors);
        page.addAttribute("flags", FLAG_LABELS);
        return "ui/models";
    }

    private String editPage(ModelMap page, ModelView m, Map<String, String> form, FormErrors errors) {
        page.addAttribute("model", m);
        page.addAttribute("f", form);
        page.addAttribute("errors", errors);
        page.addAttribute("flags", FLAG_LABELS);
        return "ui/model-form";
    }

    private static String row(ModelMap page, ModelRow row) {
        page.addAttribute("row", row);
        return "ui/model-row :: row";
    }

    /** The model's values as the form shows them; a checked box is "on". */
    static Map<String, String> values(ModelView m) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("name", m.name());
        v.put("key", m.key());
        v.put("comment", m.comment());
        v.put("context_window_tokens", String.valueOf(m.contextWindowTokens()));
        v.put("max_output_tokens", str(m.maxOutputTokens()));
        v.put("message_overhead_tokens", str(m.messageOverheadTokens()));
        v.put("input_cost_per_million", decimal(m.inputCostPerMillion()));
        v.put("output_cost_per_million", decimal(m.outputCostPerMillion()));
        flag(v, "enabled", m.enabled());
        flag(v, "supports_tool_calling", m.supportsToolCalling());
        flag(v, "supports_parallel_tool_calls", m.supportsParallelToolCalls());
        flag(v, "supports_response_format_json_object", m.supportsResponseFormatJsonObject());
        flag(v, "supports_response_format_json_schema", m.supportsResponseFormatJsonSchema());
        flag(v, "supports_streaming", m.supportsStreaming());
        flag(v, "supports_vision", m.supportsVision());
        flag(v, "supports_embeddings", m.supportsEmbeddings());
        v.put("version", String.valueOf(m.version()));
        v.values().removeIf(Objects::isNull);
        return v;
    }

    private static void flag(Map<String, String> values, String field, boolean on) {
        if (on) {
            values.put(field, "on");
        }
    }

    private static String str(Integer value) {
        return value == null ? null : value.toString();
    }

    private static String decimal(BigDecimal value) {
        return value == null ? null : value.stripTrailingZeros().toPlainString();
    }

    private static Map<String, String> flagLabels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("enabled", "Enabled");
        labels.put("supports_tool_calling", "Tool calling");
        labels.put("supports_parallel_tool_calls", "Parallel tool calls");
        labels.put("supports_response_format_json_object", "JSON output");
        labels.put("supports_response_format_json_schema", "JSON schema output");
        labels.put("supports_streaming", "Streaming");
        labels.put("supports_vision", "Vision");
        labels.put("supports_embeddings", "Embeddings");
        return labels;
    }

    private static List<String> fields() {
        List<String> all = new java.util.ArrayList<>(List.of("model"));
        all.addAll(TEXT_FIELDS);
        all.addAll(NUMBER_FIELDS);
        all.addAll(FLAGS);
        return List.copyOf(all);
    }
}
