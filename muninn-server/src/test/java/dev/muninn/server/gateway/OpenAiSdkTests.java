package dev.muninn.server.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.EmbeddingCreateParams;

import dev.muninn.server.support.ApiTestSupport;

/** The official OpenAI Java SDK, unchanged, with {@code baseUrl} pointed at Muninn's {@code /v1}. */
class OpenAiSdkTests extends ApiTestSupport {

    private OpenAIClient client;

    @BeforeEach
    void client() {
        client = OpenAIOkHttpClient.builder().apiKey(ADMIN_TOKEN).baseUrl("http://localhost:" + port + "/v1")
                .maxRetries(0).build();
    }

    @Test
    void chatCompletion() {
        ChatCompletion completion = client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("reasoning").addUserMessage("Hello SDK").build());

        assertThat(completion.choices().get(0).message().content()).hasValue("Mock reply to: Hello SDK");
        assertThat(completion.usage()).isPresent();
    }

    @Test
    void streamingChatCompletion() {
        StringBuilder content = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(
                ChatCompletionCreateParams.builder().model("mock").addUserMessage("Stream SDK").build())) {
            stream.stream().forEach(chunk -> chunk.choices().forEach(c -> c.delta().content().ifPresent(content::append)));
        }

        assertThat(content.toString()).isEqualTo("Mock reply to: Stream SDK");
    }

    @Test
    void modelsAndEmbeddings() {
        List<String> ids = client.models().list().data().stream().map(m -> m.id()).toList();
        CreateEmbeddingResponse embeddings = client.embeddings().create(EmbeddingCreateParams.builder()
                .model("embeddings").input("embed me").build());

        assertThat(ids).contains("reasoning", "mock", "Mock (Local)/mock");
        assertThat(embeddings.data()).hasSize(1);
        assertThat(embeddings.data().get(0).embedding()).isNotEmpty();
    }

    @Test
    void errorsRaiseTheSdksOwnExceptions() {
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder()
                .model("no-such-model").addUserMessage("x").build()))
                .isInstanceOfSatisfying(NotFoundException.class, e -> assertThat(e.getMessage()).contains("no-such-model"));
        OpenAIClient wrongKey = OpenAIOkHttpClient.builder().apiKey("mk_wrong").baseUrl("http://localhost:" + port + "/v1")
                .maxRetries(0).build();
        assertThatThrownBy(() -> wrongKey.models().list()).isInstanceOf(UnauthorizedException.class);
    }
}
