package dev.muninn.server.ui;

import java.util.UUID;

import org.springframework.stereotype.Component;

import dev.muninn.server.runtime.RunChatService;

/**
 * Tests a model's connection through the runtime (the same call as
 * {@code POST /api/v1/llm/models/{id}/test}), which sets or clears {@code connection_tested_at},
 * and puts the outcome into words for the model's row.
 */
@Component
class ConnectionTester {

    /** What a test found, in words for the model's row. */
    record Outcome(boolean success, String message) {
    }

    private final RunChatService runs;

    ConnectionTester(RunChatService runs) {
        this.runs = runs;
    }

    Outcome test(UUID modelId) {
        RunChatService.ConnectionTestView result = runs.testConnection(modelId);
        return result.success()
                ? new Outcome(true, "Connection works: answered in " + result.latencyMs() + " ms.")
                : new Outcome(false, "Connection failed (" + result.code() + "): " + result.message());
    }
}
