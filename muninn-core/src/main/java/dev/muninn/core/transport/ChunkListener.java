package dev.muninn.core.transport;

import tools.jackson.databind.node.ObjectNode;

/**
 * Receives OpenAI {@code chat.completion.chunk} objects in order, on the thread that runs
 * the stream, as soon as each arrives. Throwing stops the stream and closes the upstream.
 */
@FunctionalInterface
public interface ChunkListener {

    void onChunk(ObjectNode chunk);
}
