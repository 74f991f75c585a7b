package dev.muninn.server.gateway;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import io.micrometer.observation.ObservationPredicate;

/**
 * The gateway records its own meters (tagged by interaction type, provider and model), so the
 * generic per-request observations (http.server.requests, Spring Security's filter-chain
 * observations) are skipped for {@code /v1/**}: on the hot path they cost more than they tell.
 */
@Configuration(proxyBeanMethods = false)
class GatewayObservations {

    @Bean
    ObservationPredicate skipGatewayRequestObservations() {
        return (name, context) -> {
            if (context instanceof ServerRequestObservationContext server) {
                return !isGateway(server.getCarrier());
            }
            if (name.startsWith("spring.security.")
                    && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
                return !isGateway(attributes.getRequest());
            }
            return true;
        };
    }

    private static boolean isGateway(HttpServletRequest request) {
        return request != null && request.getRequestURI().startsWith("/v1/");
    }
}
