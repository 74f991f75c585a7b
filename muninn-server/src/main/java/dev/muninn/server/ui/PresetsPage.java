package dev.muninn.server.ui;

import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;

import dev.muninn.server.catalog.ModelService;
import dev.muninn.server.catalog.ModelView;
import dev.muninn.server.error.ApiException;
import dev.muninn.server.json.Json;
import dev.muninn.server.preset.Preset;
import dev.muninn.server.preset.PresetService;
import tools.jackson.databind.SerializationFeature;

/**
 * The presets of a model: a JSON options editor per preset. The service refuses reserved keys
 * (model, messages, stream, tools...) and the page shows its message under the editor.
 */
@Controller
class PresetsPage {

    static final List<String> FIELDS = List.of("key", "llm_options_overrides", "comment");

    private final ModelService models;
    private final PresetService presets;

    PresetsPage(ModelService models, PresetService presets) {
        this.models = models;
        this.presets = presets;
    }

    @GetMapping("/ui/models/{modelId}/presets")
    String page(@PathVariable UUID modelId, ModelMap page) {
        return render(page, modelId, blank(null, FormErrors.NONE), null, false);
    }

    @PostMapping("/ui/models/{modelId}/presets")
    String create(@PathVariable UUID modelId, @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = "HX-Request", required = false) String htmx, ModelMap page) {
        try {
            FormBody body = FormBody.from(form).text("key", false).jsonObject("llm_options_overrides", false)
                    .text("comment", false);
            Preset created = presets.create(modelId, body.json());
            return render(page, modelId, blank(null, FormErrors.NONE),
                    "Added preset '" + (created.key() == null ? created.id() : created.key()) + "'.", htmx != null);
        } catch (FormBody.InvalidJson e) {
            return render(page, modelId, submitted(null, form, e.errors()), null, htmx != null);
        } catch (ApiException e) {
            return render(page, modelId, submitted(null, form, FormErrors.of(e, FIELDS)), null, htmx != null);
        }
    }

    @PostMapping("/ui/presets/{id}")
    String update(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> form,
            @RequestHeader(name = "HX-Request", required = false) String htmx, ModelMap page) {
        Preset current = presets.get(id);
        PresetForm result;
        try {
            FormBody body = FormBody.from(form).text("key", true).jsonObject("llm_options_overrides", true)
                    .text("comment", true).number("version", false);
            result = form(presets.update(id, body.json()), FormErrors.NONE, "Saved.");
        } catch (FormBody.InvalidJson e) {
            result = submitted(id.toString(), form, e.errors());
        } catch (ApiException e) {
            result = submitted(id.toString(), form, FormErrors.of(e, FIELDS));
        }
        if (htmx == null) {
            return render(page, current.modelId(), blank(null, FormErrors.NONE), result.status(), false);
        }
        page.addAttribute("pf", result);
        page.addAttribute("modelId", current.modelId());
        return "ui/preset-form :: preset";
    }

    @PostMapping("/ui/presets/{id}/delete")
    String delete(@PathVariable UUID id, @RequestHeader(name = "HX-Request", required = false) String htmx,
            ModelMap page) {
        Preset preset = presets.get(id);
        String notice;
        try {
            presets.delete(id);
            notice = "Deleted preset '" + (preset.key() == null ? id : preset.key()) + "'.";
        } catch (ApiException e) {
            notice = e.getMessage();
        }
        return render(page, preset.modelId(), blank(null, FormErrors.NONE), notice, htmx != null);
    }

    private String render(ModelMap page, UUID modelId, PresetForm newForm, String notice, boolean fragment) {
        ModelView model = models.view(models.get(modelId));
        page.addAttribute("model", model);
        page.addAttribute("modelId", modelId);
        page.addAttribute("forms", presets.listByModel(modelId).stream().map(p -> form(p, FormErrors.NONE, null)).toList());
        page.addAttribute("newForm", newForm);
        page.addAttribute("notice", notice);
        return fragment ? "ui/presets :: section" : "ui/presets";
    }

    private static PresetForm form(Preset p, FormErrors errors, String status) {
        String options = p.llmOptionsOverrides().isEmpty() ? "{}"
                : Json.mapper().writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(p.llmOptionsOverrides());
        return new PresetForm(p.id().toString(), p.key(), options, p.comment(), String.valueOf(p.version()), errors,
                status);
    }

    private static PresetForm blank(String id, FormErrors errors) {
        return new PresetForm(id, null, "{\n  \"temperature\": 0.7\n}", null, null, errors, null);
    }

    private static PresetForm submitted(String id, MultiValueMap<String, String> form, FormErrors errors) {
        return new PresetForm(id, form.getFirst("key"), form.getFirst("llm_options_overrides"), form.getFirst("comment"),
                form.getFirst("version"), errors, "Not saved.");
    }
}
