package dev.muninn.server.gateway;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * Lists the gateway's endpoints in /docs. They are served by {@link GatewayFilter}, not by MVC
 * controllers, so springdoc cannot find them by itself; their bodies are OpenAI's, documented there.
 */
@Configuration(proxyBeanMethods = false)
class GatewayApiDocs {

    private static final String TAG = "OpenAI-compatible gateway";

    @Bean
    OpenApiCustomizer gatewayEndpoints() {
        return openApi -> openApi
                .path(GatewayFilter.CHAT_COMPLETIONS, new PathItem().post(operation("chatCompletions",
                        "OpenAI chat completions, streaming included; 'model' is an interaction type, a model key or provider/model",
                        true, "application/json", "text/event-stream")))
                .path(GatewayFilter.EMBEDDINGS, new PathItem().post(operation("embeddings",
                        "OpenAI embeddings; 'model' is an embeddings interaction type, a model key or provider/model",
                        true, "application/json")))
                .path(GatewayFilter.MODELS, new PathItem().get(operation("listModels",
                        "What 'model' may name: interaction types, model keys and provider/model", false, "application/json")))
                .path(GatewayFilter.MODELS + "/{id}", new PathItem().get(operation("retrieveModel",
                        "One entry of /v1/models; provider/model ids keep their slash", false, "application/json")));
    }

    private static Operation operation(String id, String summary, boolean hasBody, String... answers) {
        Content content = new Content();
        for (String type : answers) {
            content.addMediaType(type, new MediaType().schema(new ObjectSchema()));
        }
        Operation operation = new Operation().operationId(id).summary(summary).addTagsItem(TAG)
                .description("Authorization: Bearer <caller API key>. Errors come back in OpenAI's error shape.")
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("OK").content(content)));
        if (hasBody) {
            operation.requestBody(new RequestBody().required(true).content(new Content()
                    .addMediaType("application/json", new MediaType().schema(new ObjectSchema()))));
        }
        return operation;
    }
}
