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
 * {@code muninn.gateway.http-client}: {@code socket} (the default) measured about a fifth less
 * CPU per request than Apache HttpClient 5, which measured three to four times the JDK client's
 * throughput (bench/README.md). The first two do their blocking I/O on the request's own thread;
 * the JDK client hands every exchange to its selector thread and back.
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
    UpstreamClient gatewayUpstreamClient(@Value("${muninn.gateway.http-client:socket}") String kind,
            @Value("${muninn.upstream.connect-timeout:5s}") Duration connectTimeout) {
        return switch (kind) {
            case "jdk" -> new JdkUpstreamClient(connectTimeout);
            case "apache" -> new ApacheUpstreamClient(connectTimeout);
            case "socket" -> new SocketUpstreamClient(connectTimeout);
            default -> throw new IllegalArgumentException(
                    "muninn.gateway.http-client must be 'socket', 'apache' or 'jdk', not '" + kind + "'");
        };
    }
}
