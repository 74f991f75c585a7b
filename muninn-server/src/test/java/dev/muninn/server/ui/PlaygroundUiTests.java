package dev.muninn.server.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.options.AriaRole;

class PlaygroundUiTests extends BrowserTestSupport {

    @Test
    void streamsAnAnswerThroughAnInteractionTypeAndShowsUsageBudgetAndLatency() {
        String mock = providerId("Mock (Local)");
        String user = unique("player");
        // A user override pins this run to the mock, whatever other suites do to the global routes.
        api().put("/api/v1/llm/users/" + user + "/config/subagents", "{\"provider_id\":\"" + mock
                + "\",\"model_name\":\"mock\",\"temperature\":0.4}");
        signIn();
        go(page.getByRole(AriaRole.LINK, named("Playground")));
        page.getByLabel("Answer with").selectOption("type:subagents");
        page.getByLabel("As user (optional)").fill(user);
        page.getByLabel("Message").fill("hello from the playground");
        page.getByRole(AriaRole.BUTTON, named("Send")).click();

        assertThat(page.locator("#answer")).hasText("Mock reply to: hello from the playground");
        assertThat(page.locator("#run-status")).hasText("Done.");
        assertThat(page.locator("#stat-model")).hasText("Mock (Local) / mock");
        assertThat(page.locator("#stat-source")).hasText("user_override");
        assertThat(page.locator("#stat-latency")).hasText(Pattern.compile("\\d+ ms"));
        assertThat(page.locator("#stat-finish")).hasText("stop");
        assertThat(page.locator("#stat-budget")).containsText("prompt tokens");
        assertThat(page.locator("#stat-total")).hasText(Pattern.compile("\\d+"));
        int chunks = Integer.parseInt(page.locator("#stat-chunks").textContent().strip());
        assertThat(chunks).as("the answer arrived in several streamed chunks").isGreaterThan(1);
        screenshot("playground");
    }

    @Test
    void showsAProviderFailureOfAModelRun() {
        signIn();
        page.navigate("/ui/playground");
        String mockModel = modelId(providerId("Mock (Local)"), "mock");
        page.getByLabel("Answer with").selectOption("model:" + mockModel);
        page.getByLabel("Message").fill("/fail 503");
        page.getByRole(AriaRole.BUTTON, named("Send")).click();
        assertThat(page.locator("#run-error")).isVisible();
        assertThat(page.locator("#run-error")).containsText("503");
        assertThat(page.locator("#run-status")).hasText("Failed.");
    }
}
