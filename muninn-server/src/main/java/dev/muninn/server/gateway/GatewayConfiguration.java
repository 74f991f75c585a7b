package dev.muninn.server.gateway;

import java.time.Duration;

import jakarta.servlet.DispatcherType;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The gateway's entry point and upstream client. The client is chosen by
 * {@code muninn.gateway.http-client}; Apache HttpClient 5 is the default because it measured
 * faster (bench/README.md): it does its blocking I/O on the request's own thread, where the JDK
 * client hands every exchange to its selector thread and back.
 */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    FilterRegistrationBean<GatewayFilter> gatewayFilter(GatewayController gateway) {
        FilterRegistrationBean<GatewayFilter> registration = new FilterRegistrationBean<>(new GatewayFilter(gateway));
        registration.addUrlPatterns("/v1/*");
        registration.setDispatcherTypes(DispatcherType.REQUEST);
        // before the character-encoding, observation and security filters: none of them applies to /v1
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    UpstreamClient gatewayUpstreamClient(@Value("${muninn.gateway.http-client:apache}") String kind,
            @Value("${muninn.upstream.connect-timeout:5s}") Duration connectTimeout) {
        return switch (kind) {
            case "jdk" -> new JdkUpstreamClient(connectTimeout);
            case "apache" -> new ApacheUpstreamClient(connectTimeout);
            default -> throw new IllegalArgumentException("muninn.gateway.http-client must be 'jdk' or 'apache', not '" + kind + "'");
        };
    }
}
