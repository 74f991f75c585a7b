package dev.muninn.core.transport;

import dev.muninn.core.provider.ProviderConnection;
import dev.muninn.core.provider.ProviderException;
import dev.muninn.core.transport.internal.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** OpenAI and OpenAI-compatible servers: the request goes out as the caller built it. */
final class OpenAiTransport implements ProviderTransport {

    private final UpstreamHttp http;

    OpenAiTransport(UpstreamHttp http) {
        this.http = http;
    }

    @Override
    public ObjectNode chat(ProviderConnection connection, ObjectNode request) {
        ObjectNode body = request.deepCopy();
        body.remove("stream");
        body.remove("stream_options");
        JsonNode response = http.postJson(connection, "/chat/completions", body);
        if (!response.isObject() || !response.path("choices").isArray()) {
            throw invalid(connection, "chat response has no choices");
        }
        return (ObjectNode) response;
    }

    @Override
    public StreamOutcome streamChat(ProviderConnection connection, ObjectNode request, CancelSignal cancel,
                                    ChunkListener listener) {
        ObjectNode body = request.deepCopy();
        body.put("stream", true);
        return SseStream.read(http.postForStream(connection, "/chat/completions", body, cancel), connection, cancel,
                data -> {
                    if ("[DONE]".equals(data)) {
                        return true;
                    }
                    JsonNode chunk;
                    try {
                        chunk = Json.MAPPER.readTree(data);
                    } catch (JacksonException e) {
                        throw new ProviderException(ProviderException.Kind.BROKEN_STREAM, null,
                                UpstreamHttp.prefix(connection) + "stream chunk is not JSON");
                    }
                    if (chunk.has("error")) {
                        // OpenAI-compatible servers report mid-stream failures as a data line.
                        throw new ProviderException(ProviderException.Kind.BROKEN_STREAM, null,
                                UpstreamHttp.prefix(connection) + "stream error: " + ProviderException.sanitize(
                                        errorText(chunk.get("error")), connection.apiKey()));
                    }
                    if (chunk.isObject()) {
                        listener.onChunk((ObjectNode) chunk);
                    }
                    return false;
                });
    }

    @Override
    public ObjectNode embeddings(ProviderConnection connection, ObjectNode request) {
        JsonNode response = http.postJson(connection, "/embeddings", request);
        if (!response.isObject() || !response.path("data").isArray()) {
            throw invalid(connection, "embeddings response has no data");
        }
        return (ObjectNode) response;
    }

    private static String errorText(JsonNode error) {
        return error.isObject() && error.has("message") ? error.path("message").asString() : error.toString();
    }

    private static ProviderException invalid(ProviderConnection connection, String what) {
        return new ProviderException(ProviderException.Kind.INVALID_RESPONSE, null,
                UpstreamHttp.prefix(connection) + what);
    }
}
