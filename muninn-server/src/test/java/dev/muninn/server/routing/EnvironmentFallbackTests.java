package dev.muninn.server.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.env.MockEnvironment;

class EnvironmentFallbackTests {

    private static ConfigSnapshots withUnreadableDatabase(MockEnvironment environment) {
        return new ConfigSnapshots(fallback -> {
            throw new DataAccessResourceFailureException("connection refused");
        }, new EnvironmentFallback(environment));
    }

    @Test
    void whenTheDatabaseCannotBeReadOpenAiFromTheEnvironmentAnswersWithTheDefaultModels() {
        ConfigSnapshots snapshots = withUnreadableDatabase(new MockEnvironment().withProperty("OPENAI_API_KEY", "sk-env-123456"));

        Resolution reasoning = snapshots.resolve(null, "reasoning");
        assertThat(reasoning.source()).isEqualTo(Resolution.Source.ENVIRONMENT);
        assertThat(reasoning.model().model()).isEqualTo("gpt-4o");
        assertThat(reasoning.temperature()).isEqualTo(0.7);
        assertThat(reasoning.provider().apiKeyRef()).isEqualTo("env:OPENAI_API_KEY");
        assertThat(reasoning.notes()).anyMatch(note -> note.contains("database cannot be read"));

        assertThat(snapshots.resolve("alice", "tools").model().model()).isEqualTo("gpt-4o-mini");
        assertThat(snapshots.resolve(null, "tools").temperature()).isEqualTo(0.1);
        assertThat(snapshots.resolve(null, "subagents").model().model()).isEqualTo("gpt-4o-mini");
        assertThat(snapshots.resolve(null, "planning").model().model()).isEqualTo("gpt-4o");
        assertThat(snapshots.resolve(null, "embeddings").model().model()).isEqualTo("text-embedding-3-small");
    }

    @Test
    void theLegacyOllamaVariablesStillWork() {
        ConfigSnapshots snapshots = withUnreadableDatabase(new MockEnvironment().withProperty("LLM_PROVIDER", "ollama")
                .withProperty("OLLAMA_URL", "http://ollama:11434").withProperty("OLLAMA_CHAT_MODEL", "mistral-nemo:latest")
                .withProperty("OPENAI_API_KEY", "sk-ignored-because-ollama-was-chosen"));

        Resolution reasoning = snapshots.resolve(null, "reasoning");
        assertThat(reasoning.source()).isEqualTo(Resolution.Source.ENVIRONMENT);
        assertThat(reasoning.model().model()).isEqualTo("mistral-nemo:latest");
        assertThat(reasoning.provider().baseUrl()).isEqualTo("http://ollama:11434");
        assertThat(reasoning.provider().apiPrefix()).isEqualTo("/v1");
    }

    @Test
    void withNothingInTheEnvironmentTheResultSaysThereIsNoConfiguration() {
        ConfigSnapshots snapshots = withUnreadableDatabase(new MockEnvironment());

        Resolution reasoning = snapshots.resolve(null, "reasoning");
        assertThat(reasoning.source()).isEqualTo(Resolution.Source.NONE);
        assertThat(reasoning.configured()).isFalse();
    }
}
