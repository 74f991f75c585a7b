package dev.muninn.server.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;

import tools.jackson.databind.JsonNode;

class ConfigurationUiTests extends BrowserTestSupport {

    @Test
    void addsACustomProviderValidatesItAndRoutesPlanningToItsModelAtTemperatureZeroPointTwo() {
        JsonNode before = api().get("/api/v1/llm/config/planning").json();
        String name = unique("Local mock");
        try {
            signIn();
            go(page.getByRole(AriaRole.LINK, named("Providers")));
            go(page.getByRole(AriaRole.LINK, named("Add provider")));
            page.getByLabel("Name", exactly()).fill(name);
            page.getByLabel("Type", exactly()).selectOption("custom");
            page.getByLabel("Base URL", exactly()).fill(mockBaseUrl());
            page.getByLabel("API key", exactly()).fill("sk-local-abcd");
            screenshot("provider-form");
            go(page.getByRole(AriaRole.BUTTON, named("Add provider")));

            Locator row = page.locator("tr", new com.microsoft.playwright.Page.LocatorOptions().setHasText(name));
            assertThat(row.locator(".key-state")).hasText("set, ends in abcd");
            assertThat(row).containsText("not validated");
            row.getByRole(AriaRole.BUTTON, namedIn("Validate " + name)).click();
            assertThat(row.getByRole(AriaRole.STATUS)).containsText("Valid");
            String providerId = providerId(name);
            JsonNode provider = api().get("/api/v1/llm/providers/" + providerId).json();
            assertThat(provider.get("validated_at").isNull()).isFalse();
            assertThat(provider.get("validation_error").isNull()).isTrue();
            assertThat(api().get("/api/v1/llm/providers/" + providerId).body()).doesNotContain("sk-local-abcd");

            row.getByRole(AriaRole.BUTTON, namedIn("Refresh models of " + name)).click();
            assertThat(row.getByRole(AriaRole.STATUS)).containsText("2 model(s)");
            screenshot("providers");
            String mockModel = modelId(providerId, "mock");

            go(page.getByRole(AriaRole.LINK, named("Configuration")));
            Locator planning = page.locator("#route-planning");
            planning.getByLabel("Provider").selectOption(providerId);
            assertThat(planning.locator("#route-planning-status")).containsText("Pick a model of " + name);
            planning.getByLabel("Model").selectOption(mockModel);
            assertThat(planning.locator(".effective")).containsText(name + " / mock");

            // Keyboard only: End, then Home and four steps of 0.05 to the right.
            Locator slider = planning.getByLabel("Temperature");
            slider.press("End");
            assertThat(planning.locator(".effective")).containsText("temperature 2.0");
            page.locator("#route-planning-temperature").press("Home");
            for (int i = 0; i < 4; i++) {
                page.locator("#route-planning-temperature").press("ArrowRight");
            }
            assertThat(planning.locator("output")).hasText("0.20");
            assertThat(planning.locator(".effective")).containsText("temperature 0.2");
            assertThat(planning.locator("#route-planning-status")).containsText("Saved at");
            assertThat(planning.locator(".effective")).containsText("from the global configuration");
            screenshot("configuration-routed");

            JsonNode route = api().get("/api/v1/llm/config/planning").json();
            assertThat(route.get("provider_id").asString()).isEqualTo(providerId);
            assertThat(route.get("model_name").asString()).isEqualTo("mock");
            assertThat(route.get("temperature").asDouble()).isEqualTo(0.2);
            JsonNode effective = api().get("/api/v1/llm/config/planning/effective").json();
            assertThat(effective.get("provider").get("name").asString()).isEqualTo(name);
            assertThat(effective.get("temperature").asDouble()).isEqualTo(0.2);
        } finally {
            // Other suites share this database and expect the seeded route.
            api().put("/api/v1/llm/config/planning", "{\"provider_id\":\"" + before.get("provider_id").asString()
                    + "\",\"model_id\":\"" + before.get("model_id").asString() + "\",\"temperature\":"
                    + before.get("temperature").asDouble() + "}");
        }
    }

    @Test
    void aCustomInteractionTypeIsAddedWithTheApisErrorShownNextToItsName() {
        signIn();
        page.getByLabel("Name", exactly()).fill("Not A Slug");
        go(page.getByRole(AriaRole.BUTTON, named("Add type")));
        Locator name = page.getByLabel("Name", exactly());
        assertThat(name).hasAttribute("aria-invalid", "true");
        assertThat(page.locator("#type-name-error")).containsText("lowercase slug");

        String type = unique("summaries");
        page.getByLabel("Name", exactly()).fill(type);
        page.getByLabel("Description", exactly()).fill("Short summaries of long threads");
        go(page.getByRole(AriaRole.BUTTON, named("Add type")));
        assertThat(page.locator("#route-" + type)).containsText("custom");
        assertThat(page.locator("#route-" + type + " .effective")).containsText("not configured");

        JsonNode created = api().get("/api/v1/llm/interaction-types/" + type).json();
        assertThat(created.get("kind").asString()).isEqualToIgnoringCase("chat");
        assertThat(created.get("built_in").asBoolean()).isFalse();
    }

    @Test
    void aRouteTheApiRefusesShowsTheErrorNextToTheFieldAndKeepsTheStoredRoute() {
        signIn();
        Locator tools = page.locator("#route-tools");
        String stored = api().get("/api/v1/llm/config/tools").json().get("max_tokens").toString();
        tools.getByLabel("Max tokens").fill("0");
        tools.getByLabel("Max tokens").press("Tab");
        assertThat(tools.locator("#route-tools-max-tokens-error")).containsText("at least 1");
        assertThat(tools.getByLabel("Max tokens")).hasAttribute("aria-invalid", "true");
        assertThat(tools.locator("#route-tools-status")).containsText("Not saved");
        assertThat(api().get("/api/v1/llm/config/tools").json().get("max_tokens").toString()).isEqualTo(stored);
    }

    @Test
    void fallbacksAreSetInOrderByModelKeyAndKeptWhenAnotherFieldChanges() {
        signIn();
        Locator subagents = page.locator("#route-subagents");
        subagents.getByLabel("Fallbacks").fill("mock-embedding-not-a-chat-model-key, mock");
        subagents.getByLabel("Fallbacks").press("Tab");
        assertThat(subagents.locator("#route-subagents-status")).containsText("Not saved");

        subagents.getByLabel("Fallbacks").fill("mock-fallback-missing");
        subagents.getByLabel("Fallbacks").press("Tab");
        assertThat(subagents.locator("#route-subagents-status")).containsText("Not saved");

        String key = unique("spare");
        String mockProvider = api().get("/api/v1/llm/models?key=mock").json().get(0).get("provider_id").asString();
        api().post("/api/v1/llm/providers/" + mockProvider + "/models", "{\"model\":\"" + key + "\",\"key\":\"" + key + "\"}");
        page.reload();
        subagents = page.locator("#route-subagents");
        subagents.getByLabel("Fallbacks").fill(key);
        subagents.getByLabel("Fallbacks").press("Tab");
        assertThat(subagents.locator("#route-subagents-status")).containsText("Saved at");
        assertThat(api().get("/api/v1/llm/config/subagents").json().get("fallbacks").get(0).get("model_name").asString())
                .isEqualTo(key);

        subagents.getByLabel("Max tokens").fill("77");
        subagents.getByLabel("Max tokens").press("Tab");
        JsonNode route = api().get("/api/v1/llm/config/subagents").json();
        for (int i = 0; i < 50 && route.get("max_tokens").asInt() != 77; i++) {
            page.waitForTimeout(100); // the previous save's status is already shown: wait for this save to land
            route = api().get("/api/v1/llm/config/subagents").json();
        }
        org.assertj.core.api.Assertions.assertThat(route.get("max_tokens").asInt()).isEqualTo(77);
        org.assertj.core.api.Assertions.assertThat(route.get("fallbacks").size()).isEqualTo(1);
    }
}
