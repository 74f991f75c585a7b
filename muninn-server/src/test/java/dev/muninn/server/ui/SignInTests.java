package dev.muninn.server.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;

class SignInTests extends BrowserTestSupport {

    @Test
    void aSignedOutVisitorIsSentToSignInAndAWrongTokenIsRefused() {
        page.navigate("/ui/providers");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login$"));
        screenshot("sign-in");

        page.getByLabel("Admin token").fill("not-the-token");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
        assertThat(page.getByRole(AriaRole.ALERT)).containsText("not accepted");
        assertThat(page.getByLabel("Admin token")).hasAttribute("aria-invalid", "true");
    }

    @Test
    void theAdminTokenOpensTheUiAndSigningOutClosesIt() {
        signIn();
        screenshot("configuration");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign out")).click();
        assertThat(page.getByRole(AriaRole.STATUS)).containsText("signed out");
        page.navigate("/ui/config");
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login$"));
    }
}
