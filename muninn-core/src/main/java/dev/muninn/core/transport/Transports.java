package dev.muninn.core.transport;

import dev.muninn.core.provider.ProviderConnection;
import tools.jackson.databind.node.ObjectNode;

/** Builds the transport that picks the wire protocol from each connection's {@code apiFormat}. */
public final class Transports {

    private Transports() {
    }

    public static ProviderTransport create(UpstreamHttp http) {
        return new Dispatching(new OpenAiTransport(http), new AnthropicTransport(http));
    }

    private record Dispatching(ProviderTransport openAi, ProviderTransport anthropic) implements ProviderTransport {

        private ProviderTransport forConnection(ProviderConnection connection) {
            return switch (connection.apiFormat()) {
                case OPENAI -> openAi;
                case ANTHROPIC -> anthropic;
            };
        }

        @Override
        public ObjectNode chat(ProviderConnection connection, ObjectNode request) {
            return forConnection(connection).chat(connection, request);
        }

        @Override
        public StreamOutcome streamChat(ProviderConnection connection, ObjectNode request, CancelSignal cancel,
                                        ChunkListener listener) {
            return forConnection(connection).streamChat(connection, request, cancel, listener);
        }

        @Override
        public ObjectNode embeddings(ProviderConnection connection, ObjectNode request) {
            return forConnection(connection).embeddings(connection, request);
        }
    }
}
