package dev.muninn.core.budget;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muninn.core.transport.internal.Json;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class TokenBudgetTests {

    private static JsonNode json(String text) {
        return Json.MAPPER.readTree(text);
    }

    // 40 characters of plain text: an estimate of exactly 10 tokens for non-OpenAI models.
    private static final JsonNode FORTY_CHARS = json("[{\"role\":\"user\",\"content\":\"" + "abcd".repeat(10) + "\"}]");

    @Test
    void exactlyAtTheLimitPasses() {
        BudgetResult result = TokenBudget.check(new BudgetInput("llama3", 20, 2, FORTY_CHARS, null, 8));

        assertThat(result.estimate()).isEqualTo(12); // 10 content + 2 overhead
        assertThat(result.overhead()).isEqualTo(2);
        assertThat(result.reserve()).isEqualTo(8);
        assertThat(result.limit()).isEqualTo(20);
        assertThat(result.tokenizer()).isEqualTo("estimate");
        assertThat(result.withinBudget()).isTrue();
    }

    @Test
    void oneTokenOverTheLimitFails() {
        BudgetResult result = TokenBudget.check(new BudgetInput("llama3", 20, 2, FORTY_CHARS, null, 9));

        assertThat(result.withinBudget()).isFalse();
        assertThat(result.details()).containsEntry("estimate", 12).containsEntry("reserve", 9)
                .containsEntry("overhead", 2).containsEntry("limit", 20);
    }

    @Test
    void zeroContextWindowMeansUnlimited() {
        JsonNode huge = json("[{\"role\":\"user\",\"content\":\"" + "word ".repeat(50_000) + "\"}]");

        BudgetResult result = TokenBudget.check(new BudgetInput("llama3", 0, 5, huge, null, 1_000_000));

        assertThat(result.withinBudget()).isTrue();
        assertThat(result.estimate()).isGreaterThan(50_000);
    }

    @Test
    void gpt4oIsCountedWithItsRealTokenizer() {
        JsonNode messages = json("[{\"role\":\"user\",\"content\":\"hello world\"}]");

        BudgetResult result = TokenBudget.check(new BudgetInput("gpt-4o-2024-08-06", 128_000, 0, messages, null, 0));

        assertThat(result.tokenizer()).isEqualTo("o200k_base");
        assertThat(result.estimate()).isEqualTo(2); // "hello", " world"; the estimate would say 3
    }

    @Test
    void tokenizerFollowsTheModelFamily() {
        assertThat(TokenBudget.tokenizerFor("gpt-4o-mini")).isEqualTo("o200k_base");
        assertThat(TokenBudget.tokenizerFor("gpt-4.1-nano")).isEqualTo("o200k_base");
        assertThat(TokenBudget.tokenizerFor("o3-mini")).isEqualTo("o200k_base");
        assertThat(TokenBudget.tokenizerFor("openai/gpt-4o")).isEqualTo("o200k_base");
        assertThat(TokenBudget.tokenizerFor("gpt-4-turbo")).isEqualTo("cl100k_base");
        assertThat(TokenBudget.tokenizerFor("gpt-3.5-turbo")).isEqualTo("cl100k_base");
        assertThat(TokenBudget.tokenizerFor("text-embedding-3-small")).isEqualTo("cl100k_base");
        assertThat(TokenBudget.tokenizerFor("claude-sonnet-4-5")).isEqualTo("estimate");
        assertThat(TokenBudget.tokenizerFor("mistral-nemo:latest")).isEqualTo("estimate");
    }

    @Test
    void contentPartsCountTheirTextOnly() {
        JsonNode parts = json("""
                [{"role":"user","content":[{"type":"text","text":"abcdabcd"},
                  {"type":"image_url","image_url":{"url":"data:image/png;base64,AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}},
                  {"type":"text","text":"abcd"}]}]""");

        BudgetResult result = TokenBudget.check(new BudgetInput("local", 100, 0, parts, null, 0));

        assertThat(result.estimate()).isEqualTo(3); // 12 characters of text
    }

    @Test
    void toolDefinitionsAndToolCallsCountToo() {
        JsonNode messages = json("""
                [{"role":"user","content":"hi"},
                 {"role":"assistant","content":null,"tool_calls":[{"id":"c","type":"function",
                   "function":{"name":"lookup","arguments":"{\\"q\\":\\"a long query string\\"}"}}]}]""");
        JsonNode tools = json("""
                [{"type":"function","function":{"name":"lookup","description":"Search the index",
                  "parameters":{"type":"object","properties":{"q":{"type":"string"}}}}}]""");

        int withoutTools = TokenBudget.check(new BudgetInput("gpt-4o", 0, 0, messages, null, 0)).estimate();
        int withTools = TokenBudget.check(new BudgetInput("gpt-4o", 0, 0, messages, tools, 0)).estimate();
        int userOnly = TokenBudget.check(new BudgetInput("gpt-4o", 0, 0,
                json("[{\"role\":\"user\",\"content\":\"hi\"}]"), null, 0)).estimate();

        assertThat(withoutTools).isGreaterThan(userOnly + 5);
        assertThat(withTools).isGreaterThan(withoutTools + 15);
    }

    @Test
    void overheadIsChargedPerMessage() {
        JsonNode three = json("""
                [{"role":"system","content":""},{"role":"user","content":""},{"role":"assistant","content":""}]""");

        BudgetResult result = TokenBudget.check(new BudgetInput("local", 100, 4, three, null, 0));

        assertThat(result.overhead()).isEqualTo(12);
        assertThat(result.estimate()).isEqualTo(12);
    }

    @Test
    void aModelOverheadOfZeroOverridesTheProviders() {
        assertThat(TokenBudget.effectiveOverhead(0, 7)).isZero();
        assertThat(TokenBudget.effectiveOverhead(null, 7)).isEqualTo(7);
        assertThat(TokenBudget.effectiveOverhead(null, null)).isZero();
    }
}
