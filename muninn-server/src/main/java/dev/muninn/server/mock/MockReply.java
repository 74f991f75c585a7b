package dev.muninn.server.mock;

import java.util.List;

/**
 * The mock's deterministic answer: "Mock reply to: <last user message>", or the raw request
 * body for {@code /echo}, cut to {@code max_tokens} words with finish reason "length".
 */
record MockReply(String content, String finishReason, OpenAi.Usage usage) {

    static final String PREFIX = "Mock reply to: ";

    static MockReply to(ChatRequest request, MockCommand command, String rawBody) {
        String content;
        String finishReason = "stop";
        if (command.kind() == MockCommand.Kind.ECHO) {
            // Never cut: tests read the echoed options as JSON.
            content = rawBody;
        } else {
            content = request.lastUserText().isBlank() ? "Mock reply." : PREFIX + request.lastUserText().strip();
            List<String> pieces = Words.pieces(content);
            if (request.maxTokens() != null && pieces.size() > request.maxTokens()) {
                content = String.join("", pieces.subList(0, request.maxTokens())).stripTrailing();
                finishReason = "length";
            }
        }
        int promptTokens = request.promptTokens();
        int completionTokens = Words.count(content);
        return new MockReply(content, finishReason,
                new OpenAi.Usage(promptTokens, completionTokens, promptTokens + completionTokens));
    }

    List<String> pieces() {
        return Words.pieces(content);
    }
}
