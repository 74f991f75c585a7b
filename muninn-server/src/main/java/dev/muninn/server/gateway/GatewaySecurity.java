package dev.muninn.server.gateway;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /v1/**} authenticates in {@link Callers}, not in Spring Security: failures must come back
 * in OpenAI's error shape, and the hot path should pass as few filters as possible. Ordered
 * before any catch-all chain (the UI's) so that one never sees gateway requests.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 10)
    SecurityFilterChain gatewayFilterChain(HttpSecurity http) throws Exception {
        // Every filter that has nothing to do here is off: the chain only marks /v1/** as handled.
        http.securityMatcher("/v1/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.disable())
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .headers(headers -> headers.disable())
                .logout(logout -> logout.disable())
                .servletApi(servletApi -> servletApi.disable())
                .exceptionHandling(exceptions -> exceptions.disable());
        return http.build();
    }
}
