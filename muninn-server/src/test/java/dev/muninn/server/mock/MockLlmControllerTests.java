package dev.muninn.server.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@MockLlmOverHttp
class MockLlmControllerTests {

    @LocalServerPort
    int port;

    private MockLlmClient client;

    @BeforeEach
    void connect() {
        client = new MockLlmClient(port);
    }

    @Test
    void modelsAreListedInOpenAiShape() throws Exception {
        HttpResponse<String> response = client.get("models");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode list = MockLlmClient.json(response.body());
        assertThat(list.path("object").stringValue()).isEqualTo("list");
        assertThat(list.path("data").valueStream().map(model -> model.path("id").stringValue()))
                .containsExactly("mock", "mock-embedding");
        JsonNode mock = list.path("data").get(0);
        assertThat(mock.path("object").stringValue()).isEqualTo("model");
        assertThat(mock.path("owned_by").stringValue()).isEqualTo("muninn");
        assertThat(mock.path("created").longValue()).isPositive();
    }

    @Test
    void chatAnswersTheLastUserMessageWithUsage() throws Exception {
        HttpResponse<String> response = client.post("chat/completions", """
                {"model": "mock", "messages": [
                  {"role": "system", "content": "Be brief"},
                  {"role": "user", "content": "First question"},
                  {"role": "assistant", "content": "First answer"},
                  {"role": "user", "content": "Hello there"}]}
                """);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode completion = MockLlmClient.json(response.body());
        assertThat(completion.path("object").stringValue()).isEqualTo("chat.completion");
        assertThat(completion.path("id").stringValue()).startsWith("chatcmpl-");
        assertThat(completion.path("model").stringValue()).isEqualTo("mock");
        JsonNode choice = completion.path("choices").get(0);
        assertThat(choice.path("message").path("role").stringValue()).isEqualTo("assistant");
        assertThat(choice.path("message").path("content").stringValue()).isEqualTo("Mock reply to: Hello there");
        assertThat(choice.path("finish_reason").stringValue()).isEqualTo("stop");
        JsonNode usage = completion.path("usage");
        assertThat(usage.path("completion_tokens").intValue()).isEqualTo(5);
        assertThat(usage.path("prompt_tokens").intValue()).isGreaterThan(7);
        assertThat(usage.path("total_tokens").intValue())
                .isEqualTo(usage.path("prompt_tokens").intValue() + usage.path("completion_tokens").intValue());
    }

    @Test
    void multiPartUserContentIsAnswered() throws Exception {
        JsonNode completion = chat("""
                {"model": "mock", "messages": [{"role": "user",
                  "content": [{"type": "text", "text": "Describe"}, {"type": "text", "text": "this"}]}]}
                """);

        assertThat(content(completion)).isEqualTo("Mock reply to: Describe this");
    }

    @Test
    void echoAnswersWithTheRequestAsReceived() throws Exception {
        String request = """
                {"model": "mock", "temperature": 0.3, "top_p": 0.9, "max_tokens": 2, "seed": 7,
                 "messages": [{"role": "user", "content": "/echo"}]}""";

        JsonNode completion = chat(request);

        assertThat(content(completion)).isEqualTo(request);
        JsonNode echoed = MockLlmClient.json(content(completion));
        assertThat(echoed.path("temperature").doubleValue()).isEqualTo(0.3);
        assertThat(echoed.path("top_p").doubleValue()).isEqualTo(0.9);
        assertThat(echoed.path("max_tokens").intValue()).isEqualTo(2);
        assertThat(finishReason(completion)).isEqualTo("stop");
    }

    @Test
    void nonAsciiTextSurvivesTheRoundTrip() throws Exception {
        JsonNode completion = chat("""
                {"model": "mock", "messages": [{"role": "user", "content": "Grüße aus Köln 🙂"}]}""");

        assertThat(content(completion)).isEqualTo("Mock reply to: Grüße aus Köln 🙂");
    }

    @Test
    void streamedEchoConcatenatesToTheRequestExactly() throws Exception {
        String request = """
                {"model": "mock",  "stream": true, "temperature": 0.7,
                   "messages": [{"role": "user", "content": "/echo   spaced  out "}]}
                """;
        HttpResponse<Stream<String>> response = client.postForLines("chat/completions", request);

        List<String> events;
        try (Stream<String> stream = response.body()) {
            events = dataEvents(stream.collect(Collectors.toList()));
        }
        String streamed = events.subList(1, events.size() - 2).stream()
                .map(event -> MockLlmClient.json(event).path("choices").get(0).path("delta").path("content").stringValue())
                .collect(Collectors.joining());
        assertThat(streamed).isEqualTo(request);
    }

    @Test
    void maxTokensCutsTheReplyWithFinishReasonLength() throws Exception {
        JsonNode completion = chat("""
                {"model": "mock", "max_tokens": 4,
                 "messages": [{"role": "user", "content": "one two three four five"}]}""");

        assertThat(content(completion)).isEqualTo("Mock reply to: one");
        assertThat(finishReason(completion)).isEqualTo("length");
        assertThat(completion.path("usage").path("completion_tokens").intValue()).isEqualTo(4);
    }

    @Test
    void replyWithinMaxTokensStopsNormally() throws Exception {
        JsonNode completion = chat("""
                {"model": "mock", "max_completion_tokens": 4,
                 "messages": [{"role": "user", "content": "hi"}]}""");

        assertThat(content(completion)).isEqualTo("Mock reply to: hi");
        assertThat(finishReason(completion)).isEqualTo("stop");
    }

    @Test
    void streamArrivesAsOrderedChunksEndingWithDone() throws Exception {
        HttpResponse<Stream<String>> response = client.postForLines("chat/completions", """
                {"model": "mock", "stream": true, "stream_options": {"include_usage": true},
                 "messages": [{"role": "user", "content": "one two three"}]}""");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        List<String> lines;
        try (Stream<String> stream = response.body()) {
            lines = stream.collect(Collectors.toList());
        }
        List<String> events = dataEvents(lines);
        assertThat(events.get(events.size() - 1)).isEqualTo("[DONE]");
        List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(MockLlmClient::json).toList();
        assertThat(chunks).allSatisfy(chunk -> {
            assertThat(chunk.path("object").stringValue()).isEqualTo("chat.completion.chunk");
            assertThat(chunk.path("id").stringValue()).isEqualTo(chunks.get(0).path("id").stringValue());
        });

        JsonNode first = chunks.get(0).path("choices").get(0);
        assertThat(first.path("delta").path("role").stringValue()).isEqualTo("assistant");
        assertThat(first.path("finish_reason").isNull()).isTrue();

        List<JsonNode> contentChunks = chunks.subList(1, chunks.size() - 2);
        assertThat(contentChunks).hasSize(6);
        assertThat(contentChunks.stream().map(c -> c.path("choices").get(0).path("delta").path("content").stringValue()))
                .containsExactly("Mock ", "reply ", "to: ", "one ", "two ", "three");

        JsonNode finish = chunks.get(chunks.size() - 2).path("choices").get(0);
        assertThat(finish.path("finish_reason").stringValue()).isEqualTo("stop");
        JsonNode usageChunk = chunks.get(chunks.size() - 1);
        assertThat(usageChunk.path("choices").isEmpty()).isTrue();
        assertThat(usageChunk.path("usage").path("completion_tokens").intValue()).isEqualTo(6);
    }

    @Test
    void streamWithoutIncludeUsageEndsWithTheFinishChunk() throws Exception {
        HttpResponse<Stream<String>> response = client.postForLines("chat/completions", """
                {"model": "mock", "stream": true, "max_tokens": 2,
                 "messages": [{"role": "user", "content": "one two three"}]}""");

        List<String> events;
        try (Stream<String> stream = response.body()) {
            events = dataEvents(stream.collect(Collectors.toList()));
        }
        assertThat(events).hasSize(5).last().isEqualTo("[DONE]");
        JsonNode finish = MockLlmClient.json(events.get(3));
        assertThat(finish.path("choices").get(0).path("finish_reason").stringValue()).isEqualTo("length");
        assertThat(finish.has("usage")).isFalse();
    }

    @Test
    void embeddingsAreDeterministicUnitVectorsOfTheRequestedDimension() throws Exception {
        String request = """
                {"model": "mock-embedding", "input": ["alpha", "beta"], "dimensions": 32}""";

        JsonNode first = embeddings(request);
        JsonNode second = embeddings(request);

        assertThat(first.path("object").stringValue()).isEqualTo("list");
        assertThat(first.path("data")).hasSize(2);
        List<Float> alpha = floats(first.path("data").get(0).path("embedding"));
        List<Float> beta = floats(first.path("data").get(1).path("embedding"));
        assertThat(alpha).hasSize(32).isEqualTo(floats(second.path("data").get(0).path("embedding")));
        assertThat(alpha).isNotEqualTo(beta);
        assertThat(first.path("data").get(1).path("index").intValue()).isEqualTo(1);
        assertThat(Math.sqrt(alpha.stream().mapToDouble(v -> v * v).sum())).isCloseTo(1.0, offset(1e-5));
        assertThat(first.path("usage").path("prompt_tokens").intValue()).isEqualTo(2);
    }

    @Test
    void embeddingOfAStringHasSixteenDimensionsByDefault() throws Exception {
        JsonNode response = embeddings("""
                {"model": "mock-embedding", "input": "alpha"}""");

        assertThat(response.path("data")).hasSize(1);
        assertThat(response.path("data").get(0).path("embedding")).hasSize(16);
    }

    @Test
    void base64EmbeddingHoldsTheSameFloats() throws Exception {
        JsonNode asFloats = embeddings("""
                {"model": "mock-embedding", "input": "alpha"}""");
        JsonNode asBase64 = embeddings("""
                {"model": "mock-embedding", "input": "alpha", "encoding_format": "base64"}""");

        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder()
                .decode(asBase64.path("data").get(0).path("embedding").stringValue())).order(ByteOrder.LITTLE_ENDIAN);
        List<Float> decoded = new ArrayList<>();
        while (bytes.hasRemaining()) {
            decoded.add(bytes.getFloat());
        }
        assertThat(decoded).isEqualTo(floats(asFloats.path("data").get(0).path("embedding")));
    }

    @Test
    void badJsonIsAnsweredWithOpenAiError() throws Exception {
        HttpResponse<String> response = client.post("chat/completions", "{\"messages\": [");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = MockLlmClient.json(response.body()).path("error");
        assertThat(error.path("type").stringValue()).isEqualTo("invalid_request_error");
        assertThat(error.path("message").stringValue()).contains("parse the JSON body");
        assertThat(error.has("param")).isTrue();
        assertThat(error.has("code")).isTrue();
        assertThat(error.path("code").isNull()).isTrue();
    }

    @Test
    void missingMessagesIsAnsweredWithOpenAiError() throws Exception {
        HttpResponse<String> response = client.post("chat/completions", "{\"model\": \"mock\"}");

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = MockLlmClient.json(response.body()).path("error");
        assertThat(error.path("type").stringValue()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").stringValue()).isEqualTo("messages");
    }

    @Test
    void invalidMaxTokensIsRejected() throws Exception {
        HttpResponse<String> response = client.post("chat/completions", """
                {"model": "mock", "max_tokens": 0, "messages": [{"role": "user", "content": "hi"}]}""");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(MockLlmClient.json(response.body()).path("error").path("param").stringValue()).isEqualTo("max_tokens");
    }

    @Test
    void emptyEmbeddingsInputIsRejected() throws Exception {
        HttpResponse<String> response = client.post("embeddings", "{\"model\": \"mock-embedding\", \"input\": []}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(MockLlmClient.json(response.body()).path("error").path("param").stringValue()).isEqualTo("input");
    }

    @Test
    void failCommandAnswersTheRequestedStatus() throws Exception {
        HttpResponse<String> unavailable = client.post("chat/completions", """
                {"model": "mock", "messages": [{"role": "user", "content": "/fail 503"}]}""");
        HttpResponse<String> limited = client.post("chat/completions", """
                {"model": "mock", "stream": true, "messages": [{"role": "user", "content": "/fail 429"}]}""");

        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(MockLlmClient.json(unavailable.body()).path("error").path("type").stringValue()).isEqualTo("server_error");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(MockLlmClient.json(limited.body()).path("error").path("message").stringValue()).contains("429");
    }

    @Test
    void slowCommandDelaysTheAnswer() throws Exception {
        long start = System.nanoTime();
        JsonNode completion = chat("""
                {"model": "mock", "messages": [{"role": "user", "content": "/slow 400"}]}""");
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(elapsedMillis).isGreaterThanOrEqualTo(400);
        assertThat(content(completion)).isEqualTo("Mock reply to: /slow 400");
    }

    @Test
    void unknownModelIsNotFound() throws Exception {
        HttpResponse<String> response = client.get("models/gpt-17");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(MockLlmClient.json(response.body()).path("error").path("code").stringValue()).isEqualTo("model_not_found");
    }

    private JsonNode chat(String request) throws Exception {
        HttpResponse<String> response = client.post("chat/completions", request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return MockLlmClient.json(response.body());
    }

    private JsonNode embeddings(String request) throws Exception {
        HttpResponse<String> response = client.post("embeddings", request);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return MockLlmClient.json(response.body());
    }

    private static String content(JsonNode completion) {
        return completion.path("choices").get(0).path("message").path("content").stringValue();
    }

    private static String finishReason(JsonNode completion) {
        return completion.path("choices").get(0).path("finish_reason").stringValue();
    }

    private static List<Float> floats(JsonNode array) {
        return array.valueStream().map(JsonNode::floatValue).toList();
    }

    /** Server-sent events: each "data: " line followed by a blank line. */
    static List<String> dataEvents(List<String> lines) {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < lines.size(); i += 2) {
            assertThat(lines.get(i)).startsWith("data: ");
            assertThat(lines.size()).isGreaterThan(i + 1);
            assertThat(lines.get(i + 1)).isEmpty();
            events.add(lines.get(i).substring("data: ".length()));
        }
        return events;
    }
}
