package dev.muninn.server.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import java.nio.file.Files;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;

import com.microsoft.playwright.assertions.PlaywrightAssertions;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import dev.muninn.server.support.ApiTestSupport;

/** A signed-out browser page per test, on a laptop-sized screen, against the running server. */
@Tag("browser")
@ExtendWith(BrowserTestSupport.ScreenshotOnFailure.class)
abstract class BrowserTestSupport extends ApiTestSupport {

    static {
        // Generous for a busy two-core machine; a passing run never waits this long.
        PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
    }

    protected BrowserContext context;
    protected Page page;

    @BeforeEach
    void openBrowser() {
        // Like the PostgreSQL run: skipped where no Chromium is installed, but never under CI.
        Assumptions.assumeTrue(Files.isExecutable(Browser.CHROMIUM) || System.getenv("CI") != null,
                "no Chromium at " + Browser.CHROMIUM + " (apt-get install chromium); set CI to fail instead");
        context = Browser.context("http://localhost:" + port, 1366, 900);
        page = context.newPage();
    }

    @AfterEach
    void closeBrowser() {
        if (context != null) {
            context.close();
        }
    }

    protected void signIn() {
        page.navigate("/login");
        page.getByLabel("Admin token").fill(ADMIN_TOKEN);
        go(page.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON,
                new Page.GetByRoleOptions().setName("Sign in")));
        assertThat(page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
                new Page.GetByRoleOptions().setName("Configuration").setLevel(1))).isVisible();
    }

    protected void screenshot(String name) {
        Browser.screenshot(page, name);
    }

    /**
     * Clicks something that loads a new page and waits until it has loaded, so htmx and the page's
     * script are listening before the test acts (a person is never that fast; a test is).
     */
    @SuppressWarnings("deprecation")
    protected void go(com.microsoft.playwright.Locator target) {
        page.waitForNavigation(target::click);
    }

    protected static Page.GetByRoleOptions named(String name) {
        return new Page.GetByRoleOptions().setName(name).setExact(true);
    }

    protected static com.microsoft.playwright.Locator.GetByRoleOptions namedIn(String name) {
        return new com.microsoft.playwright.Locator.GetByRoleOptions().setName(name).setExact(true);
    }

    protected static Page.GetByLabelOptions exactly() {
        return new Page.GetByLabelOptions().setExact(true);
    }

    /** The id of the provider with this name, through the REST API. */
    protected String providerId(String name) {
        for (var p : api().get("/api/v1/llm/providers").json()) {
            if (p.get("name").asString().equals(name)) {
                return p.get("id").asString();
            }
        }
        throw new AssertionError("no provider named " + name);
    }

    /** The id of a provider's model, through the REST API. */
    protected String modelId(String providerId, String model) {
        for (var m : api().get("/api/v1/llm/providers/" + providerId + "/models").json()) {
            if (m.get("model").asString().equals(model)) {
                return m.get("id").asString();
            }
        }
        throw new AssertionError("provider " + providerId + " has no model " + model);
    }

    protected String mockBaseUrl() {
        return "http://localhost:" + port + "/mock_llm/v1";
    }

    /** Keeps what the browser showed when a test failed, next to the other screenshots. */
    static final class ScreenshotOnFailure implements AfterTestExecutionCallback {

        // Runs before @AfterEach closes the browser.
        @Override
        public void afterTestExecution(ExtensionContext context) {
            if (context.getExecutionException().isEmpty()) {
                return;
            }
            context.getTestInstance().filter(BrowserTestSupport.class::isInstance).map(BrowserTestSupport.class::cast)
                    .filter(test -> test.page != null && !test.page.isClosed())
                    .ifPresent(test -> Browser.screenshot(test.page, "failed-" + context.getRequiredTestMethod().getName()));
        }
    }
}
