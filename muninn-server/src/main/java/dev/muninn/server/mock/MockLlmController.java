package dev.muninn.server.mock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.AsyncWebRequest;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An OpenAI-compatible mock LLM for development and tests, part of the product; it is off
 * when the Spring profile {@code production} is active.
 *
 * <ul>
 *   <li>{@code GET /mock_llm/v1/models} (and {@code /models/{id}}): models {@code mock} and
 *       {@code mock-embedding}.</li>
 *   <li>{@code POST /mock_llm/v1/chat/completions}: answers "Mock reply to: &lt;last user
 *       message&gt;". A token is a word; {@code max_tokens} (or {@code max_completion_tokens})
 *       cuts the reply to that many words with finish reason "length". {@code stream: true}
 *       answers server-sent {@code chat.completion.chunk} events, one word each, flushed one
 *       by one with a delay of {@code muninn.mock.stream-delay} seconds (default
 *       {@code MOCK_LLM_STREAM_DELAY}, else 0.02) between chunks, then {@code data: [DONE]};
 *       with {@code stream_options.include_usage} a last chunk with empty choices carries
 *       the usage, as OpenAI does.</li>
 *   <li>{@code POST /mock_llm/v1/embeddings}: deterministic unit vectors, 16 floats or
 *       {@code dimensions}; {@code input} a string or an array of strings;
 *       {@code encoding_format} float or base64.</li>
 * </ul>
 *
 * <p>Magic commands, at the start of the last user message (or of an embeddings input):
 * <ul>
 *   <li>{@code /echo}: the reply is the request body exactly as received, so a test can
 *       see which options reached the provider; never cut by {@code max_tokens}.</li>
 *   <li>{@code /fail <status>}: answers that HTTP status (400 to 599) with an OpenAI error
 *       body, to simulate upstream errors.</li>
 *   <li>{@code /slow <ms>}: waits that many milliseconds (up to 300000) before the response
 *       starts, then answers as usual, to simulate timeouts.</li>
 * </ul>
 * Bad JSON or a missing {@code messages} answers 400 in OpenAI's error shape.
 */
@RestController
@Profile("!production")
@RequestMapping("/mock_llm/v1")
class MockLlmController {

    static final String CHAT_MODEL = "mock";
    static final String EMBEDDING_MODEL = "mock-embedding";

    // A fixed date keeps the model list byte-for-byte stable.
    private static final long MODELS_CREATED = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
    private static final String FINGERPRINT = "fp_muninn_mock";
    private static final MediaType EVENT_STREAM = MediaType.TEXT_EVENT_STREAM;
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final JsonMapper json;
    private final Duration streamDelay;

    MockLlmController(JsonMapper json,
            @Value("${muninn.mock.stream-delay:${MOCK_LLM_STREAM_DELAY:0.02}}") double streamDelaySeconds) {
        if (!(streamDelaySeconds >= 0)) {
            throw new IllegalArgumentException("muninn.mock.stream-delay (MOCK_LLM_STREAM_DELAY) must be"
                    + " zero or more seconds, not " + streamDelaySeconds);
        }
        this.json = json;
        this.streamDelay = Duration.ofNanos(Math.round(streamDelaySeconds * 1_000_000_000));
    }

    @GetMapping("/models")
    OpenAi.ModelList models() {
        return new OpenAi.ModelList("list", List.of(describe(CHAT_MODEL), describe(EMBEDDING_MODEL)));
    }

    @GetMapping("/models/{id}")
    OpenAi.Model model(@PathVariable String id) {
        if (!id.equals(CHAT_MODEL) && !id.equals(EMBEDDING_MODEL)) {
            throw new MockLlmException(404, "invalid_request_error",
                    "The model '" + id + "' does not exist", "model", "model_not_found");
        }
        return describe(id);
    }

    // Spring MVC chooses streaming by the declared return type, so the plain JSON answer is a streaming body too.
    @PostMapping("/chat/completions")
    ResponseEntity<StreamingResponseBody> chatCompletions(@RequestBody(required = false) String body,
            HttpServletRequest servletRequest, HttpServletResponse servletResponse) {
        ChatRequest request = ChatRequest.from(parse(body));
        MockCommand command = MockCommand.parse(request.lastUserText());
        command.failOrWait();
        MockReply reply = MockReply.to(request, command, body);
        String id = "chatcmpl-mock-" + UUID.randomUUID().toString().replace("-", "");
        long created = Instant.now().getEpochSecond();
        if (!request.stream()) {
            byte[] completion = json.writeValueAsBytes(new OpenAi.ChatCompletion(id, "chat.completion", created,
                    request.model(), FINGERPRINT,
                    List.of(new OpenAi.Choice(0, new OpenAi.Message("assistant", reply.content()), null,
                            reply.finishReason())),
                    reply.usage()));
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out -> out.write(completion));
        }
        List<String> pieces = reply.pieces();
        extendAsyncTimeout(servletRequest, pieces.size() + 1);
        ChunkWriter chunks = new ChunkWriter(id, created, request.model(), servletResponse);
        StreamingResponseBody stream = out -> {
            chunks.write(out, new OpenAi.Delta("assistant", ""), null, null);
            for (String piece : pieces) {
                pause();
                chunks.write(out, new OpenAi.Delta(null, piece), null, null);
            }
            pause();
            chunks.write(out, new OpenAi.Delta(null, null), reply.finishReason(), null);
            if (request.includeUsage()) {
                chunks.write(out, null, null, reply.usage());
            }
            out.write(DONE);
            servletResponse.flushBuffer();
        };
        return ResponseEntity.ok()
                .contentType(EVENT_STREAM)
                .cacheControl(CacheControl.noCache())
                .header("X-Accel-Buffering", "no")
                .body(stream);
    }

    @PostMapping("/embeddings")
    OpenAi.EmbeddingList embeddings(@RequestBody(required = false) String body) {
        return MockEmbeddings.answer(parse(body));
    }

    @ExceptionHandler(MockLlmException.class)
    ResponseEntity<OpenAi.ErrorResponse> error(MockLlmException e) {
        return ResponseEntity.status(e.status()).contentType(MediaType.APPLICATION_JSON).body(e.body());
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw MockLlmException.invalidRequest("The request body is empty; send a JSON object", null);
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            throw MockLlmException.invalidRequest("We could not parse the JSON body of your request."
                    + " (HINT: This likely means you aren't using your HTTP library correctly.)", null);
        }
    }

    private static OpenAi.Model describe(String id) {
        return new OpenAi.Model(id, "model", MODELS_CREATED, "muninn");
    }

    // A slow stream can outlast the container's default async timeout (30 s on Tomcat).
    private void extendAsyncTimeout(HttpServletRequest servletRequest, int pauses) {
        AsyncWebRequest asyncRequest = WebAsyncUtils.getAsyncManager(servletRequest).getAsyncWebRequest();
        if (asyncRequest != null) {
            asyncRequest.setTimeout(streamDelay.multipliedBy(pauses).plusSeconds(30).toMillis());
        }
    }

    private void pause() throws IOException {
        if (streamDelay.isZero()) {
            return;
        }
        try {
            Thread.sleep(streamDelay.toMillis(), streamDelay.toNanosPart() % 1_000_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("stream interrupted", e);
        }
    }

    /**
     * Writes one {@code data: <chunk>} event and flushes it, so each chunk leaves at once.
     * Flushes the servlet response because Spring Framework 7 ignores {@code flush()} on the
     * stream it hands to a {@link StreamingResponseBody} (unless
     * {@code spring.http.response.flush.enabled} is set).
     */
    private final class ChunkWriter {

        private final String id;
        private final long created;
        private final String model;
        private final HttpServletResponse servletResponse;

        ChunkWriter(String id, long created, String model, HttpServletResponse servletResponse) {
            this.id = id;
            this.created = created;
            this.model = model;
            this.servletResponse = servletResponse;
        }

        void write(OutputStream out, OpenAi.Delta delta, String finishReason, OpenAi.Usage usage)
                throws IOException {
            List<OpenAi.ChunkChoice> choices = delta == null
                    ? List.of()
                    : List.of(new OpenAi.ChunkChoice(0, delta, null, finishReason));
            OpenAi.ChatCompletionChunk chunk = new OpenAi.ChatCompletionChunk(id, "chat.completion.chunk", created,
                    model, FINGERPRINT, choices, usage);
            out.write(("data: " + json.writeValueAsString(chunk) + "\n\n").getBytes(StandardCharsets.UTF_8));
            servletResponse.flushBuffer();
        }
    }
}
