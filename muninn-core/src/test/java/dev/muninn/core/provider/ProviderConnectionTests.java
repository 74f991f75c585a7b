package dev.muninn.core.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderConnectionTests {

    private static final String KEY = "sk-proj-SECRET-0123456789";

    @Test
    void urlsJoinBaseUrlPrefixAndPath() {
        ProviderConnection openAi = ProviderConnection.of("OpenAI", ApiFormat.OPENAI, "https://api.openai.com/", KEY);
        ProviderConnection custom = new ProviderConnection("LM Studio", ApiFormat.OPENAI, "http://localhost:1234",
                "api/v0/", Map.of(), null, null);

        assertThat(openAi.url("/chat/completions")).isEqualTo("https://api.openai.com/v1/chat/completions");
        assertThat(custom.url("/models")).isEqualTo("http://localhost:1234/api/v0/models");
        assertThat(openAi.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void toStringNeverShowsTheKey() {
        ProviderConnection connection = new ProviderConnection("OpenAI", ApiFormat.OPENAI, "https://api.openai.com",
                "/v1", Map.of("X-Title", "Muninn"), KEY, null);

        assertThat(connection.toString()).doesNotContain(KEY).doesNotContain("SECRET").contains("apiKey=***")
                .contains("OpenAI");
    }

    @Test
    void blankKeysCountAsNoKey() {
        assertThat(ProviderConnection.of("Ollama", ApiFormat.OPENAI, "http://ollama:11434", " ").hasApiKey()).isFalse();
    }

    @Test
    void sanitizeScrubsTheKeyAndKeyLookalikesAndTruncates() {
        String upstream = "Incorrect API key provided: " + KEY + " (also tried sk-other-ABCDEFGHIJ)\n\n"
                + "x".repeat(2000);

        String sanitized = ProviderException.sanitize(upstream, KEY);

        assertThat(sanitized).doesNotContain(KEY).doesNotContain("sk-other-ABCDEFGHIJ").doesNotContain("\n")
                .startsWith("Incorrect API key provided: ***");
        assertThat(sanitized.length()).isLessThanOrEqualTo(503);
    }
}
