package dev.muninn.server.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

class LayoutUiTests extends BrowserTestSupport {

    @Test
    void everyPageFitsAPhoneScreenAndEveryControlHasALabel() {
        String mock = providerId("Mock (Local)");
        String model = modelId(mock, "mock");
        BrowserContext phone = Browser.context("http://localhost:" + port, 390, 844);
        try {
            Page small = phone.newPage();
            small.navigate("/login");
            small.getByLabel("Admin token").fill(ADMIN_TOKEN);
            small.getByRole(com.microsoft.playwright.options.AriaRole.BUTTON, named("Sign in")).click();
            String[][] pages = {{"/ui/config", "phone-configuration"}, {"/ui/providers", "phone-providers"},
                    {"/ui/providers/" + mock + "/models", "phone-models"}, {"/ui/models/" + model + "/presets", "phone-presets"},
                    {"/ui/users/phone-user", "phone-user"}, {"/ui/users", "phone-users"},
                    {"/ui/playground", "phone-playground"}, {"/ui/providers/new", "phone-provider-form"},
                    {"/ui/models/" + model, "phone-model-edit"}};
            for (String[] p : pages) {
                small.navigate(p[0]);
                assertThat(small.locator("h1")).isVisible();
                Object width = small.evaluate("document.documentElement.scrollWidth");
                assertThat(((Number) width).intValue()).as("page width of " + p[0]).isLessThanOrEqualTo(390);
                Object clipped = small.evaluate(
                        "[...document.querySelectorAll('.table-wrap')].filter(el => el.scrollWidth > el.clientWidth + 1).length");
                assertThat(((Number) clipped).intValue()).as("tables scrolling sideways on " + p[0]).isZero();
                Object unlabelled = small.evaluate("""
                        [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                          .filter(el => el.labels.length === 0).map(el => el.name || el.id)""");
                assertThat((java.util.List<?>) unlabelled).as("controls without a label on " + p[0]).isEmpty();
                Browser.screenshot(small, p[1]);
            }
        } finally {
            phone.close();
        }
    }
}
