package dev.muninn.core.chat;

import tools.jackson.databind.node.ObjectNode;

/**
 * Receives a streamed run: each OpenAI {@code chat.completion.chunk} as it arrives, then the
 * final result once. Throwing from {@link #onChunk} cancels the stream (the run then ends
 * with {@link ResultCode#CANCELLED}).
 */
public interface ChatStreamListener {

    void onChunk(ObjectNode chunk);

    default void onComplete(ChatResult result) {
    }
}
