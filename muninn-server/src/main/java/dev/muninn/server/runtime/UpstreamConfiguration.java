package dev.muninn.server.runtime;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.muninn.core.chat.ChatRunner;
import dev.muninn.core.discovery.ModelDiscovery;
import dev.muninn.core.transport.Transports;
import dev.muninn.core.transport.ProviderTransport;
import dev.muninn.core.transport.UpstreamHttp;

/** One pooled HTTP client for every upstream call, and the core services built on it. */
@Configuration(proxyBeanMethods = false)
class UpstreamConfiguration {

    @Bean
    UpstreamHttp upstreamHttp(@Value("${muninn.upstream.connect-timeout:5s}") Duration connectTimeout) {
        return UpstreamHttp.create(connectTimeout);
    }

    @Bean
    ModelDiscovery modelDiscovery(UpstreamHttp http) {
        return new ModelDiscovery(http);
    }

    @Bean
    ProviderTransport providerTransport(UpstreamHttp http) {
        return Transports.create(http);
    }

    @Bean
    ChatRunner chatRunner(ProviderTransport transport) {
        return new ChatRunner(transport);
    }
}
