package dev.muninn.server.runtime;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.muninn.core.chat.ChatStreamListener;
import dev.muninn.core.chat.ChatResult;
import dev.muninn.core.transport.CancelSignal;
import dev.muninn.server.json.Json;
import dev.muninn.server.json.JsonBody;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

@RestController
@RequestMapping("/api/v1/llm")
@Tag(name = "LLM Runtime")
class RunChatController {

    private final RunChatService runs;

    RunChatController(RunChatService runs) {
        this.runs = runs;
    }

    @PostMapping("/chat")
    @Operation(summary = "Run a chat: by interaction_type (+ user_id), model_key or model_id; stream=true answers with SSE "
            + "'delta' events and one final 'result' event")
    ResponseEntity<?> chat(@RequestBody JsonNode body, HttpServletResponse servletResponse) throws IOException {
        RunChatCommand command = RunChatCommand.from(body);
        RunChatService.Prepared prepared = runs.prepare(command);
        if (prepared.failure() != null || !command.stream()) {
            return respond(prepared.failure() != null ? prepared.failure() : runs.run(prepared, null, null));
        }
        // Written on this (virtual) thread as chunks arrive: no async dispatch, nothing buffered.
        servletResponse.setStatus(200);
        servletResponse.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        servletResponse.setCharacterEncoding("UTF-8");
        servletResponse.setHeader("Cache-Control", "no-cache");
        servletResponse.setHeader("X-Accel-Buffering", "no");
        streamRun(prepared, servletResponse.getOutputStream(), servletResponse);
        return null;
    }

    @PostMapping("/embeddings")
    @Operation(summary = "Embed text with the embeddings interaction type (or another embeddings type, or a model)")
    ResponseEntity<?> embeddings(@RequestBody JsonNode json) {
        JsonBody body = JsonBody.of(json, Set.of("input", "interaction_type", "user_id", "model_key", "model_id", "options",
                "allow_disabled"));
        JsonNode input = body.node("input");
        if (input == null || !(input.isString() || input.isArray() && !input.isEmpty())) {
            throw dev.muninn.server.error.ApiException.invalid("input", "required",
                    "'input' must be a string or a non-empty array of strings");
        }
        String type = body.text("interaction_type", 64);
        var command = new RunChatService.EmbeddingCommand(type == null ? "embeddings" : type, body.text("user_id", 200),
                body.text("model_key", 200), body.uuid("model_id"), input, body.object("options"),
                Boolean.TRUE.equals(body.bool("allow_disabled")));
        RunChatService.EmbeddingRunResult result = runs.embed(command);
        if (result.success()) {
            return ResponseEntity.ok(result);
        }
        return problem(result.code(), result.message(), Map.of("success", false, "code", result.code(), "details",
                result.details() == null ? Map.of() : result.details()));
    }

    @PostMapping("/models/{id}/test")
    @Operation(summary = "Test a model's connection with the smallest real request; sets or clears connection_tested_at")
    RunChatService.ConnectionTestView test(@PathVariable UUID id) {
        return runs.testConnection(id);
    }

    private void streamRun(RunChatService.Prepared prepared, OutputStream out, HttpServletResponse servletResponse) {
        CancelSignal cancel = new CancelSignal();
        RunResult result = runs.run(prepared, cancel, new ChatStreamListener() {
            @Override
            public void onChunk(ObjectNode chunk) {
                if (!send(out, servletResponse, "delta", Json.write(chunk))) {
                    cancel.cancel(); // the client went away: stop reading from the provider
                }
            }

            @Override
            public void onComplete(ChatResult ignored) {
            }
        });
        send(out, servletResponse, "result", Json.write(result));
    }

    private static boolean send(OutputStream out, HttpServletResponse response, String event, String data) {
        try {
            out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            response.flushBuffer(); // Spring 7 ignores flush() on the streaming body unless told to flush
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ResponseEntity<?> respond(RunResult result) {
        if (result.success()) {
            return ResponseEntity.ok(result);
        }
        return problem(result.code(), result.message(), Json.mapper().convertValue(result, Map.class));
    }

    @SuppressWarnings("unchecked")
    private static ResponseEntity<ProblemDetail> problem(String code, String message, Map<?, ?> properties) {
        HttpStatus status = statusOf(code);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, message);
        problem.setTitle(code);
        problem.setType(URI.create("https://muninn.dev/problems/" + code.toLowerCase().replace('_', '-')));
        Object details = properties.get("details");
        if (details instanceof Map<?, ?> d && d.get("field") != null) {
            problem.setProperty("errors", java.util.List.of(new dev.muninn.server.error.FieldViolation(
                    String.valueOf(d.get("field")), String.valueOf(d.get("rule")), message)));
        }
        ((Map<String, Object>) properties).forEach((k, v) -> {
            if (v != null && !k.equals("message")) {
                problem.setProperty(k, v);
            }
        });
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    static HttpStatus statusOf(String code) {
        return switch (code) {
            case "INVALID_REQUEST" -> HttpStatus.BAD_REQUEST;
            case "NO_CONFIGURATION", "MODEL_DISABLED", "PROVIDER_DISABLED" -> HttpStatus.CONFLICT;
            case "PROMPT_TOO_LONG", "CAPABILITY_UNSUPPORTED" -> HttpStatus.UNPROCESSABLE_CONTENT;
            case "TIMEOUT" -> HttpStatus.GATEWAY_TIMEOUT;
            default -> HttpStatus.BAD_GATEWAY;
        };
    }
}
