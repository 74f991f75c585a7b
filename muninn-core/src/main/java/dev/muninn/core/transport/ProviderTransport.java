package dev.muninn.core.transport;

import dev.muninn.core.provider.ProviderConnection;
import tools.jackson.databind.node.ObjectNode;

/**
 * Calls a provider with OpenAI-shaped JSON whatever the provider speaks, so callers see one
 * format. Fields the caller sets (tools, response_format, any extra option) pass through
 * untouched to OpenAI-format providers and are translated for Anthropic.
 * Failures are {@link dev.muninn.core.provider.ProviderException}s.
 */
public interface ProviderTransport {

    /** A non-streaming chat completion; returns an OpenAI {@code chat.completion} object. */
    ObjectNode chat(ProviderConnection connection, ObjectNode request);

    /**
     * A streaming chat completion: blocks the calling thread, hands each
     * {@code chat.completion.chunk} to {@code listener} as it arrives, and returns when the
     * upstream ends or {@code cancel} fires. A stream that breaks off after some chunks throws
     * {@code BROKEN_STREAM} once those chunks have been delivered.
     */
    StreamOutcome streamChat(ProviderConnection connection, ObjectNode request, CancelSignal cancel,
                             ChunkListener listener);

    /**
     * An embeddings request ({@code input} a string or array); returns the OpenAI response.
     *
     * @throws UnsupportedOperationException for Anthropic, which has no embeddings API
     */
    ObjectNode embeddings(ProviderConnection connection, ObjectNode request);
}
