package dev.muninn.server.gateway;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's upstream client, chosen by {@code muninn.gateway.http-client} (see bench/README.md for why the default). */
@Configuration(proxyBeanMethods = false)
class GatewayConfiguration {

    @Bean
    UpstreamClient gatewayUpstreamClient(@Value("${muninn.gateway.http-client:jdk}") String kind,
            @Value("${muninn.upstream.connect-timeout:5s}") Duration connectTimeout) {
        return switch (kind) {
            case "jdk" -> new JdkUpstreamClient(connectTimeout);
            default -> throw new IllegalArgumentException("muninn.gateway.http-client must be 'jdk', not '" + kind + "'");
        };
    }
}
