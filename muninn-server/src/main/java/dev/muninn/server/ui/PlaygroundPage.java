package dev.muninn.server.ui;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.ui.ModelMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.muninn.core.chat.ChatResult;
import dev.muninn.core.chat.ChatStreamListener;
import dev.muninn.core.transport.CancelSignal;
import dev.muninn.server.catalog.Model;
import dev.muninn.server.catalog.ModelService;
import dev.muninn.server.json.Json;
import dev.muninn.server.provider.ProviderService;
import dev.muninn.server.routing.InteractionType;
import dev.muninn.server.routing.RoutingService;
import dev.muninn.server.runtime.ChatTargets;
import dev.muninn.server.runtime.RunChatCommand;
import dev.muninn.server.runtime.RunChatService;
import dev.muninn.server.runtime.RunResult;
import tools.jackson.databind.node.ObjectNode;

/**
 * The playground: send one message through an interaction type (as a user, optionally) or straight
 * to a model, through the run-chat runtime. With JavaScript the answer streams in (server-sent
 * events from {@code /ui/playground/stream}); without it the form posts and the page shows the result.
 */
@Controller
class PlaygroundPage {

    private final RunChatService runs;
    private final RoutingService routing;
    private final ProviderService providers;
    private final ModelService models;

    PlaygroundPage(RunChatService runs, RoutingService routing, ProviderService providers, ModelService models) {
        this.runs = runs;
        this.routing = routing;
        this.providers = providers;
        this.models = models;
    }

    /** What the page shows of a finished run. */
    record Outcome(RunResult result, String budget) {
    }

    @GetMapping("/ui/playground")
    String page(ModelMap page) {
        return render(page, Map.of("target", "type:reasoning"), null, FormErrors.NONE);
    }

    /** The form posted without JavaScript: run without streaming and show the result. */
    @PostMapping("/ui/playground")
    String run(@RequestParam MultiValueMap<String, String> form, ModelMap page) {
        RunChatCommand command = command(form, false);
        if (command == null) {
            return render(page, form.toSingleValueMap(), null, FormErrors.field("target", "Choose what should answer."));
        }
        RunChatService.Prepared prepared = runs.prepare(command);
        RunResult result = prepared.failure() != null ? prepared.failure() : runs.run(prepared, null, null);
        return render(page, form.toSingleValueMap(), new Outcome(result, budget(prepared, result)), FormErrors.NONE);
    }

    /**
     * Streams the run as server-sent events: {@code meta} (who will answer, the budget), one
     * {@code delta} per chunk of text, then {@code result} (usage, latency, finish reason or the
     * failure). Written on the request thread as chunks arrive, like the run-chat API.
     */
    @PostMapping(value = "/ui/playground/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    void stream(@RequestParam MultiValueMap<String, String> form, HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType(MediaType.TEXT_EVENT_STREAM_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        OutputStream out = response.getOutputStream();
        RunChatCommand command = command(form, true);
        if (command == null) {
            send(out, response, "result", Json.write(Map.of("success", false, "code", "INVALID_REQUEST", "message",
                    "Choose what should answer.")));
            return;
        }
        RunChatService.Prepared prepared = withUsage(runs.prepare(command));
        if (prepared.failure() != null) {
            send(out, response, "result", Json.write(resultEvent(prepared.failure(), null)));
            return;
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("provider", prepared.target().provider().name());
        meta.put("model", prepared.target().model().model());
        meta.put("source", prepared.target().source());
        meta.put("budget", budget(prepared, null));
        send(out, response, "meta", Json.write(meta));
        CancelSignal cancel = new CancelSignal();
        RunResult result = runs.run(prepared, cancel, new ChatStreamListener() {
            @Override
            public void onChunk(ObjectNode chunk) {
                String text = chunk.path("choices").path(0).path("delta").path("content").asString("");
                if (!text.isEmpty() && !send(out, response, "delta", Json.write(Map.of("content", text)))) {
                    cancel.cancel(); // the page went away: stop reading from the provider
                }
            }

            @Override
            public void onComplete(ChatResult ignored) {
            }
        });
        send(out, response, "result", Json.write(resultEvent(result, budget(prepared, result))));
    }

    /**
     * OpenAI-style servers report the usage of a stream only when asked; the playground asks, so
     * it can show the tokens. Other formats get the command unchanged.
     */
    private RunChatService.Prepared withUsage(RunChatService.Prepared prepared) {
        if (prepared.failure() != null || !"openai".equals(prepared.target().provider().apiFormat())) {
            return prepared;
        }
        RunChatCommand c = prepared.command();
        Map<String, Object> options = new LinkedHashMap<>(c.options() == null ? Map.of() : c.options());
        options.put("stream_options", Map.of("include_usage", true));
        return runs.prepare(new RunChatCommand(c.interactionType(), c.userId(), c.modelKey(), c.modelId(), c.preset(),
                c.messages(), c.userText(), options, c.context(), c.allowDisabled(), c.stream(), c.tools(), c.toolChoice(),
                c.responseFormat()));
    }

    private static Map<String, Object> resultEvent(RunResult r, String budget) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("success", r.success());
        event.put("code", r.code());
        event.put("message", r.message());
        event.put("provider", r.provider());
        event.put("model", r.model());
        event.put("source", r.source());
        event.put("finish_reason", r.finishReason());
        event.put("usage", r.usage());
        event.put("latency_ms", r.latencyMs());
        event.put("budget", budget);
        event.put("details", r.details());
        return event;
    }

    /** The prompt against the model's context window, in words ("12 of 128,000 tokens"). */
    private static String budget(RunChatService.Prepared prepared, RunResult result) {
        if (prepared == null || prepared.target() == null) {
            return null;
        }
        int window = prepared.target().model().contextWindowTokens();
        Integer prompt = result == null || result.usage() == null ? null : result.usage().get("prompt_tokens");
        Object maxTokens = prepared.target().options().values().get("max_tokens");
        String limit = window == 0 ? "no context limit" : String.format("%,d-token context window", window);
        String reserve = maxTokens == null ? "" : ", " + maxTokens + " reserved for the answer";
        return (prompt == null ? "" : prompt + " prompt tokens; ") + limit + reserve;
    }

    /** The run the form asks for, or null when it names no target. */
    private static RunChatCommand command(MultiValueMap<String, String> form, boolean stream) {
        FormBody values = FormBody.from(form);
        String target = values.value("target");
        String text = form.getFirst("message");
        String user = values.value("user_id");
        if (target == null || !target.contains(":")) {
            return null;
        }
        String kind = target.substring(0, target.indexOf(':'));
        String value = target.substring(target.indexOf(':') + 1);
        String type = kind.equals("type") ? value : null;
        UUID modelId = kind.equals("model") ? RouteChoices.uuid(value) : null;
        if (type == null && modelId == null) {
            return null;
        }
        return new RunChatCommand(type, type == null ? null : user, null, modelId, ChatTargets.PresetChoice.NONE, null,
                text == null || text.isBlank() ? null : text, null, null, modelId != null, stream, null, null, null);
    }

    private String render(ModelMap page, Map<String, String> form, Outcome outcome, FormErrors errors) {
        List<InteractionType> types = routing.types();
        Map<UUID, String> providerNames = new LinkedHashMap<>();
        providers.list().forEach(p -> providerNames.put(p.id(), p.name()));
        String selected = form.getOrDefault("target", "");
        page.addAttribute("types", types.stream().filter(t -> t.kind() == InteractionType.Kind.CHAT)
                .map(t -> new Choice("type:" + t.name(), t.name(), selected.equals("type:" + t.name()))).toList());
        page.addAttribute("models", models.listAll().stream().filter(Model::enabled)
                .filter(m -> RouteChoices.fits(m, InteractionType.Kind.CHAT))
                .map(m -> new Choice("model:" + m.id(), providerNames.get(m.providerId()) + " / " + m.model(),
                        selected.equals("model:" + m.id())))
                .toList());
        page.addAttribute("f", form);
        page.addAttribute("outcome", outcome);
        page.addAttribute("errors", errors);
        return "ui/playground";
    }

    private static boolean send(OutputStream out, HttpServletResponse response, String event, String data) {
        try {
            out.write(("event: " + event + "\ndata: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            response.flushBuffer();
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
