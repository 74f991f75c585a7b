package dev.muninn.server.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

import tools.jackson.databind.JsonNode;

class ProvidersUiTests extends BrowserTestSupport {

    @Test
    void aCustomServerWithoutAUrlIsRefusedWithTheErrorNextToTheUrlField() {
        signIn();
        page.navigate("/ui/providers/new");
        String name = unique("No URL");
        page.getByLabel("Name", exactly()).fill(name);
        page.getByLabel("Type", exactly()).selectOption("custom");
        go(page.getByRole(AriaRole.BUTTON, named("Add provider")));
        assertThat(page.locator("#base_url-error")).containsText("needs");
        assertThat(page.getByLabel("Base URL", exactly())).hasAttribute("aria-invalid", "true");
        assertThat(page.getByLabel("Name", exactly())).hasValue(name);
        assertThat(api().get("/api/v1/llm/providers").body()).doesNotContain(name);
    }

    @Test
    void editingKeepsTheWriteOnlyKeyUnlessANewOneIsTypedAndBulkTogglesModels() {
        String name = unique("Editable");
        String id = api().post("/api/v1/llm/providers", "{\"name\":\"" + name + "\",\"provider_type\":\"custom\","
                + "\"base_url\":\"" + mockBaseUrl() + "\",\"api_key\":\"sk-first-key-9876\"}").json().get("id").asString();
        api().get("/api/v1/llm/providers/" + id + "/models?refresh=true");
        signIn();
        page.navigate("/ui/providers/" + id + "/edit");
        assertThat(page.getByLabel("API key", exactly())).hasValue("");
        assertThat(page.locator("#api_key-state")).containsText("set, ends in 9876");
        assertThat(page.content()).doesNotContain("sk-first-key-9876");
        page.getByLabel("Message overhead tokens").fill("3");
        go(page.getByRole(AriaRole.BUTTON, named("Save provider")));

        Locator row = page.locator("#provider-" + id);
        assertThat(row.locator(".key-state")).hasText("set, ends in 9876");
        JsonNode saved = api().get("/api/v1/llm/providers/" + id).json();
        assertThat(saved.get("message_overhead_tokens").asInt()).isEqualTo(3);
        assertThat(saved.get("api_key_last4").asString()).isEqualTo("9876");

        row.getByRole(AriaRole.BUTTON, namedIn("Disable all models of " + name)).click();
        assertThat(row.getByRole(AriaRole.STATUS)).containsText("Disabled 2 model(s)");
        assertThat(row).containsText("0 of 2 enabled");
        for (JsonNode m : api().get("/api/v1/llm/providers/" + id + "/models").json()) {
            assertThat(m.get("enabled").asBoolean()).isFalse();
        }
        row.getByRole(AriaRole.BUTTON, namedIn("Enable all models of " + name)).click();
        assertThat(row).containsText("2 of 2 enabled");
        for (JsonNode m : api().get("/api/v1/llm/providers/" + id + "/models").json()) {
            assertThat(m.get("enabled").asBoolean()).isTrue();
        }

        page.navigate("/ui/providers/" + id + "/edit");
        page.getByLabel("API key", exactly()).fill("sk-second-key-1111");
        go(page.getByRole(AriaRole.BUTTON, named("Save provider")));
        assertThat(page.locator("#provider-" + id + " .key-state")).hasText("set, ends in 1111");
        assertThat(api().get("/api/v1/llm/providers/" + id).json().get("api_key_last4").asString()).isEqualTo("1111");
    }

    @Test
    void aFailedValidationShowsTheProvidersError() {
        String name = unique("Unreachable");
        api().post("/api/v1/llm/providers", "{\"name\":\"" + name + "\",\"provider_type\":\"custom\","
                + "\"base_url\":\"http://127.0.0.1:1/v1\"}");
        signIn();
        page.navigate("/ui/providers");
        Locator row = page.locator("tr", new Page.LocatorOptions().setHasText(name));
        row.getByRole(AriaRole.BUTTON, namedIn("Validate " + name)).click();
        assertThat(row.getByRole(AriaRole.STATUS)).containsText("Validation failed");
        assertThat(row.locator(".validation")).containsText("failed");
        JsonNode provider = api().get("/api/v1/llm/providers/" + providerId(name)).json();
        assertThat(provider.get("validation_error").isNull()).isFalse();
        assertThat(row.locator(".validation-error")).hasText(provider.get("validation_error").asString());
    }
}
