package dev.muninn.server.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;

import tools.jackson.databind.JsonNode;

class CatalogUiTests extends BrowserTestSupport {

    private String customProvider() {
        String id = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("UI mock") + "\",\"provider_type\":\"custom\","
                + "\"base_url\":\"" + mockBaseUrl() + "\"}").json().get("id").asString();
        api().get("/api/v1/llm/providers/" + id + "/models?refresh=true");
        return id;
    }

    @Test
    void testsAModelsConnectionAndSwitchesItOff() {
        String providerId = customProvider();
        String modelId = modelId(providerId, "mock");
        signIn();
        page.navigate("/ui/providers/" + providerId + "/models");
        Locator row = page.locator("#model-" + modelId);
        assertThat(row).containsText("streaming");
        assertThat(row.locator(".tested")).containsText("not tested");

        row.getByRole(AriaRole.BUTTON, namedIn("Test connection of mock")).click();
        assertThat(row.getByRole(AriaRole.STATUS)).containsText("Connection works");
        assertThat(row.locator(".tested time")).isVisible();
        assertThat(api().get("/api/v1/llm/models/" + modelId).json().get("connection_tested_at").isNull()).isFalse();
        screenshot("models");

        // a click, not uncheck(): the row is replaced by the answer while Playwright would still be checking it
        row.getByLabel("enabled").click();
        assertThat(row.getByRole(AriaRole.STATUS)).containsText("Disabled.");
        assertThat(api().get("/api/v1/llm/models/" + modelId).json().get("enabled").asBoolean()).isFalse();
    }

    @Test
    void addsAModelByHandWithTheKeyErrorShownInPlaceThenEditsIt() {
        String providerId = customProvider();
        signIn();
        page.navigate("/ui/providers/" + providerId + "/models");
        String model = unique("hand-made");
        page.getByLabel("Model id").fill(model);
        page.getByLabel("Key (short global name)").fill("not a key!");
        page.getByLabel("Context window (tokens, 0 = unlimited)").fill("32768");
        page.getByLabel("Tool calling").check();
        go(page.getByRole(AriaRole.BUTTON, named("Add model")));
        assertThat(page.locator("#key-error")).containsText("'key' may hold letters");
        assertThat(page.getByLabel("Key (short global name)")).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Model id")).hasValue(model);

        String key = model.toLowerCase();
        page.getByLabel("Key (short global name)").fill(key);
        go(page.getByRole(AriaRole.BUTTON, named("Add model")));
        assertThat(page.getByRole(AriaRole.STATUS).first()).containsText("Added model");
        JsonNode created = api().get("/api/v1/llm/models?key=" + key).json().get(0);
        assertThat(created.get("context_window_tokens").asInt()).isEqualTo(32768);
        assertThat(created.get("supports_tool_calling").asBoolean()).isTrue();
        assertThat(created.get("source").asString()).isEqualTo("manual");

        go(page.getByRole(AriaRole.LINK, named("Edit " + model)));
        page.getByLabel("Input cost (USD per 1M tokens)").fill("0.5");
        screenshot("model-edit");
        go(page.getByRole(AriaRole.BUTTON, named("Save model")));
        assertThat(page.locator("#model-" + created.get("id").asString())).containsText("$0.5 in");
        JsonNode edited = api().get("/api/v1/llm/models/" + created.get("id").asString()).json();
        assertThat(edited.get("input_cost_per_million").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(edited.get("context_window_tokens").asInt()).isEqualTo(32768);
    }

    @Test
    void aReservedKeyInAPresetIsRefusedWithTheErrorUnderTheOptionsEditor() {
        String providerId = customProvider();
        String modelId = modelId(providerId, "mock");
        signIn();
        page.navigate("/ui/providers/" + providerId + "/models");
        go(page.getByRole(AriaRole.LINK, named("Presets of mock")));

        Locator form = page.locator("#preset-new");
        form.getByLabel("Key").fill("default");
        form.getByLabel("Options (JSON object)").fill("{\"model\": \"gpt-4o\", \"temperature\": 0.3}");
        form.getByRole(AriaRole.BUTTON, namedIn("Add preset")).click();
        assertThat(page.locator("#preset-new-options-error")).containsText("'model' is set by each request");
        assertThat(page.locator("#preset-new-options")).hasAttribute("aria-invalid", "true");
        screenshot("preset-reserved-key");
        assertThat(api().get("/api/v1/llm/models/" + modelId + "/presets").json().size()).isZero();

        page.locator("#preset-new-options").fill("{\"temperature\": 0.3, \"top_p\": 0.9}");
        page.locator("#preset-new").getByRole(AriaRole.BUTTON, namedIn("Add preset")).click();
        assertThat(page.locator("#presets .notice")).containsText("Added preset 'default'");
        JsonNode presets = api().get("/api/v1/llm/models/" + modelId + "/presets").json();
        assertThat(presets.size()).isEqualTo(1);
        assertThat(presets.get(0).get("llm_options_overrides").get("top_p").asDouble()).isEqualTo(0.9);

        // The stored preset's own editor shows the error in place and keeps what was typed.
        String presetId = presets.get(0).get("id").asString();
        Locator existing = page.locator("#preset-" + presetId);
        existing.getByLabel("Options (JSON object)").fill("{\"stream\": true}");
        existing.getByRole(AriaRole.BUTTON, namedIn("Save preset")).click();
        assertThat(page.locator("#preset-" + presetId + "-options-error")).containsText("'stream' is set by each request");
        assertThat(page.locator("#preset-" + presetId + "-options")).hasValue("{\"stream\": true}");
        assertThat(api().get("/api/v1/llm/presets/" + presetId).json().get("llm_options_overrides").has("stream")).isFalse();
        existing = page.locator("#preset-" + presetId);
        existing.getByLabel("Options (JSON object)").fill("{\"temperature\": 0.25}");
        existing.getByRole(AriaRole.BUTTON, namedIn("Save preset")).click();
        assertThat(page.locator("#preset-" + presetId)).containsText("Saved.");
        assertThat(api().get("/api/v1/llm/presets/" + presetId).json().get("llm_options_overrides").get("temperature")
                .asDouble()).isEqualTo(0.25);
        screenshot("presets");
    }
}
