package dev.muninn.server.ui;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.SecurityFilterChain;

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
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                                + "frame-ancestors 'none'; form-action 'self'")));
        return http.build();
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
