package dev.muninn.server.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/** The API docs at /docs, with property names in snake_case as the API reads and writes them. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    ModelResolver snakeCaseModelResolver() {
        // swagger-core describes schemas with its own Jackson 2 mapper, so it learns the naming here
        return new ModelResolver(Json.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
    }

    @Bean
    OpenAPI muninnOpenApi() {
        return new OpenAPI().info(new Info().title("Muninn").version("v1").description(
                "LLM configuration service and gateway: providers, models, presets, interaction types, routes and user "
                        + "overrides; run chat and embeddings. Every /api/** call needs 'Authorization: Bearer <admin token>'."));
    }
}
