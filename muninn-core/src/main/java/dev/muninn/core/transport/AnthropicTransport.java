package dev.muninn.core.transport;

import dev.muninn.core.provider.ProviderConnection;
import dev.muninn.core.provider.ProviderException;
import dev.muninn.core.transport.internal.AnthropicMessages;
import dev.muninn.core.transport.internal.AnthropicStreamTranslator;
import dev.muninn.core.transport.internal.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Anthropic's Messages API behind the OpenAI shape: requests, responses and streams are translated. */
final class AnthropicTransport implements ProviderTransport {

    private final UpstreamHttp http;

    AnthropicTransport(UpstreamHttp http) {
        this.http = http;
    }

    @Override
    public ObjectNode chat(ProviderConnection connection, ObjectNode request) {
        ObjectNode body = AnthropicMessages.toAnthropicRequest(request, false);
        JsonNode response = http.postJson(connection, "/messages", body);
        if (!response.isObject() || !response.path("content").isArray()) {
            throw new ProviderException(ProviderException.Kind.INVALID_RESPONSE, null,
                    UpstreamHttp.prefix(connection) + "messages response has no content");
        }
        return AnthropicMessages.toOpenAiResponse(response);
    }

    @Override
    public StreamOutcome streamChat(ProviderConnection connection, ObjectNode request, CancelSignal cancel,
                                    ChunkListener listener) {
        ObjectNode body = AnthropicMessages.toAnthropicRequest(request, true);
        AnthropicStreamTranslator translator = new AnthropicStreamTranslator();
        return SseStream.read(http.postForStream(connection, "/messages", body, cancel), connection, cancel, data -> {
            JsonNode event;
            try {
                event = Json.MAPPER.readTree(data);
            } catch (JacksonException e) {
                throw new ProviderException(ProviderException.Kind.BROKEN_STREAM, null,
                        UpstreamHttp.prefix(connection) + "stream event is not JSON");
            }
            if ("error".equals(event.path("type").asString(""))) {
                throw new ProviderException(ProviderException.Kind.BROKEN_STREAM, null,
                        UpstreamHttp.prefix(connection) + "stream error: " + ProviderException.sanitize(
                                event.path("error").path("message").asString(event.toString()),
                                connection.apiKey()));
            }
            for (ObjectNode chunk : translator.translate(event)) {
                listener.onChunk(chunk);
            }
            return translator.isFinished();
        });
    }

    @Override
    public ObjectNode embeddings(ProviderConnection connection, ObjectNode request) {
        throw new UnsupportedOperationException("Anthropic has no embeddings API");
    }
}
