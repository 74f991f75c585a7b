package dev.muninn.server.ui;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;

import dev.muninn.server.security.AdminTokens;

/**
 * The admin UI: everything the API and public chains do not match. Signing in takes the admin
 * token (until user accounts exist) and opens a session; CSRF stays on, htmx sends the token
 * in a header (see muninn.js).
 */
@Configuration(proxyBeanMethods = false)
class UiSecurityConfiguration {

    static final String LOGIN = "/login";

    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityFilterChain uiSecurity(HttpSecurity http, AdminTokens tokens) throws Exception {
        http.authenticationManager(tokenAuthentication(tokens))
                .authorizeHttpRequests(a -> a
                        .requestMatchers(LOGIN, "/css/**", "/js/**", "/webjars/**", "/favicon.ico", "/error").permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .formLogin(form -> form.loginPage(LOGIN).passwordParameter("token").defaultSuccessUrl("/ui/config", false)
                        .failureUrl(LOGIN + "?error").permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl(LOGIN + "?logout"))
                .exceptionHandling(e -> e.authenticationEntryPoint(signInFirst()).accessDeniedHandler(staleSession()))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                + "frame-ancestors 'none'; form-action 'self'")));
        return http.build();
    }

    /**
     * Sends a signed-out visitor to the sign-in page. An htmx request (a session that expired
     * while the page stayed open) gets HX-Redirect, so the whole page goes there, not one row.
     */
    private static AuthenticationEntryPoint signInFirst() {
        LoginUrlAuthenticationEntryPoint page = new LoginUrlAuthenticationEntryPoint(LOGIN);
        return (request, response, exception) -> {
            if (request.getHeader("HX-Request") != null || "fetch".equals(request.getHeader("X-Requested-By"))) {
                response.setHeader("HX-Redirect", request.getContextPath() + LOGIN);
                response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            } else {
                page.commence(request, response, exception);
            }
        };
    }

    /** A page left open past its session posts a CSRF token the server no longer knows: sign in again. */
    private static AccessDeniedHandler staleSession() {
        AccessDeniedHandlerImpl forbidden = new AccessDeniedHandlerImpl();
        AuthenticationEntryPoint signIn = signInFirst();
        return (request, response, denied) -> {
            if (denied instanceof CsrfException && !request.isRequestedSessionIdValid()) {
                signIn.commence(request, response, null);
            } else {
                forbidden.handle(request, response, denied);
            }
        };
    }

    /** Accepts exactly the admin tokens the API accepts; the user name field is not asked for. */
    private static AuthenticationManager tokenAuthentication(AdminTokens tokens) {
        return authentication -> {
            Object credentials = authentication.getCredentials();
            if (credentials instanceof String token && tokens.accepts(token)) {
                return UsernamePasswordAuthenticationToken.authenticated("admin", null,
                        List.of(new SimpleGrantedAuthority("ROLE_ADMIN")));
            }
            throw new BadCredentialsException("The admin token was not accepted");
        };
    }
}
