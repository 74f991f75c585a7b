package dev.muninn.server.ui;

import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page (Spring Security handles the POST) and the UI's front door. */
@Controller
class SignInPage {

    @GetMapping(UiSecurityConfiguration.LOGIN)
    String signIn(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
            ModelMap page) {
        page.addAttribute("failed", error != null);
        page.addAttribute("signedOut", logout != null);
        return "login";
    }

    @GetMapping({"/", "/ui", "/ui/"})
    String home() {
        return "redirect:/ui/config";
    }
}
