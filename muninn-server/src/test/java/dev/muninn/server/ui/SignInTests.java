package dev.muninn.server.ui;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.muninn.server.support.TestApi;

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

    @Test
    void anHtmxRequestWithoutASessionIsSentToSignInAsAWholePage() {
        for (String method : new String[] {"GET", "POST"}) {
            TestApi.Response response = anonymousUi(method, "/ui/providers/" + java.util.UUID.randomUUID() + "/validate");
            assertThat(response.status()).as(method).isEqualTo(401);
            assertThat(response.raw().headers().firstValue("HX-Redirect")).as(method).hasValue("/login");
        }
    }

    private TestApi.Response anonymousUi(String method, String path) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port + path))
                    .header("HX-Request", "true").method(method, java.net.http.HttpRequest.BodyPublishers.noBody()).build();
            var response = java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new TestApi.Response(response.statusCode(), "", response.body(), response);
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
