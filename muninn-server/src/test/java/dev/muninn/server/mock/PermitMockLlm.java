package dev.muninn.server.mock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Opens the mock to tests, as the application's security configuration will; limited to
 * the mock's paths so it does not clash with that configuration once it exists.
 */
@TestConfiguration(proxyBeanMethods = false)
class PermitMockLlm {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain permitMockLlm(HttpSecurity http) throws Exception {
        return http.securityMatcher("/mock_llm/**", "/error")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(AbstractHttpConfigurer::disable)
                .build();
    }
}
