package dev.muninn.server.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;

import tools.jackson.databind.JsonNode;

class UsersUiTests extends BrowserTestSupport {

    @Test
    void findsAUserAddsAnOverrideSeesItTakeEffectAndRemovesIt() {
        String user = unique("alice");
        String mockProvider = providerId("Mock (Local)");
        signIn();
        go(page.getByRole(AriaRole.LINK, named("User overrides")));
        page.getByLabel("User id").fill(user);
        go(page.getByRole(AriaRole.BUTTON, named("Find")));
        go(page.getByRole(AriaRole.LINK, named("Open " + user)));
        assertThat(page.locator("#effective-planning")).containsText("the global configuration");

        page.getByLabel("Interaction type").selectOption("planning");
        page.getByLabel("Provider", exactly()).selectOption(mockProvider);
        page.getByLabel("Model", exactly()).selectOption(modelId(mockProvider, "mock"));
        page.getByLabel("Temperature", exactly()).fill("0.9");
        go(page.getByRole(AriaRole.BUTTON, named("Add override")));

        assertThat(page.locator("#effective-planning")).containsText("the user's override");
        assertThat(page.locator("#effective-planning")).containsText("0.9");
        assertThat(page.locator("#override-planning")).isVisible();
        screenshot("user-overrides");
        JsonNode effective = api().get("/api/v1/llm/users/" + user + "/effective").json();
        JsonNode planning = null;
        for (JsonNode e : effective) {
            if (e.get("interaction_type").asString().equals("planning")) {
                planning = e;
            }
        }
        assertThat(planning).isNotNull();
        assertThat(planning.get("source").asString()).isEqualTo("user_override");
        assertThat(planning.get("temperature").asDouble()).isEqualTo(0.9);

        go(page.getByRole(AriaRole.LINK, named("User overrides")));
        page.getByLabel("User id").fill(user.substring(0, 8));
        assertThat(page.locator("#user-results")).containsText(user);

        go(page.getByRole(AriaRole.LINK, named(user)));
        Locator override = page.locator("#override-planning");
        go(override.getByRole(AriaRole.BUTTON, namedIn("Remove override")));
        assertThat(page.locator(".notice")).containsText("Removed the override");
        assertThat(page.locator("#effective-planning")).containsText("the global configuration");
        assertThat(api().get("/api/v1/llm/users/" + user + "/config").json().size()).isZero();
    }
}
