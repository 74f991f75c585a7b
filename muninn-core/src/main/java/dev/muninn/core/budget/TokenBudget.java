package dev.muninn.core.budget;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Checks before sending that a prompt fits the model's context window, so an over-long prompt
 * fails fast with numbers instead of as a provider error after a network round trip.
 * Counts message text, assistant tool calls and tool definitions (which the providers bill as
 * prompt tokens too). OpenAI-family models are counted with their real tokenizer; other
 * models with an estimate of one token per four characters.
 */
public final class TokenBudget {

    public static final String ESTIMATE = "estimate";

    // Building the registry loads the vocabularies; lazily, once per JVM.
    private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

    private TokenBudget() {
    }

    public static BudgetResult check(BudgetInput input) {
        Encoding encoding = encodingFor(input.model());
        int messageCount = 0;
        long contentTokens = 0;
        if (input.messages() != null) {
            for (JsonNode message : input.messages()) {
                messageCount++;
                contentTokens += count(encoding, messageText(message));
            }
        }
        if (input.tools() != null && !input.tools().isNull() && !input.tools().isEmpty()) {
            contentTokens += count(encoding, input.tools().toString());
        }
        long overhead = (long) messageCount * input.messageOverheadTokens();
        int estimate = saturate(contentTokens + overhead);
        int limit = input.contextWindowTokens();
        boolean within = limit == 0 || (long) estimate + input.reserveTokens() <= limit;
        return new BudgetResult(estimate, input.reserveTokens(), saturate(overhead), limit,
                encoding == null ? ESTIMATE : encoding.getName(), within);
    }

    /**
     * The overhead that applies to a model: its own when set ({@code 0} is a valid override),
     * else its provider's, else none.
     */
    public static int effectiveOverhead(Integer modelOverhead, Integer providerOverhead) {
        if (modelOverhead != null) {
            return modelOverhead;
        }
        return providerOverhead == null ? 0 : providerOverhead;
    }

    /** Token count of {@code text} for {@code model}: exact for OpenAI-family models, estimated otherwise. */
    public static int countTokens(String model, String text) {
        return count(encodingFor(model), text);
    }

    /** The tokenizer used for {@code model}: {@code o200k_base}, {@code cl100k_base} or {@code estimate}. */
    public static String tokenizerFor(String model) {
        Encoding encoding = encodingFor(model);
        return encoding == null ? ESTIMATE : encoding.getName();
    }

    static Encoding encodingFor(String model) {
        String id = model == null ? "" : model.toLowerCase(Locale.ROOT);
        // OpenRouter and other aggregators prefix ids with the vendor: "openai/gpt-4o".
        if (id.startsWith("openai/")) {
            id = id.substring("openai/".length());
        }
        if (id.startsWith("gpt-4o") || id.startsWith("chatgpt-4o") || id.startsWith("gpt-4.1")
                || id.startsWith("gpt-4.5") || id.startsWith("gpt-5") || id.startsWith("o1")
                || id.startsWith("o3") || id.startsWith("o4")) {
            return REGISTRY.getEncoding(EncodingType.O200K_BASE);
        }
        if (id.startsWith("gpt-4") || id.startsWith("gpt-3.5") || id.startsWith("text-embedding-")) {
            return REGISTRY.getEncoding(EncodingType.CL100K_BASE);
        }
        return null;
    }

    private static int count(Encoding encoding, String text) {
        if (text.isEmpty()) {
            return 0;
        }
        // countTokensOrdinary: text that happens to look like a special token is still just text.
        return encoding == null ? (text.length() + 3) / 4 : encoding.countTokensOrdinary(text);
    }

    // Everything in a message the model reads as prompt: name, content text, tool call names and arguments.
    private static String messageText(JsonNode message) {
        StringBuilder text = new StringBuilder();
        JsonNode content = message.path("content");
        if (content.isString()) {
            text.append(content.asString());
        } else if (content.isArray()) {
            for (JsonNode part : content) {
                if (part.isString()) {
                    text.append(part.asString());
                } else if ("text".equals(part.path("type").asString(""))) {
                    text.append(part.path("text").asString(""));
                }
            }
        }
        if (message.path("name").isString()) {
            text.append(message.get("name").asString());
        }
        for (JsonNode call : message.path("tool_calls")) {
            text.append(call.path("function").path("name").asString(""));
            text.append(call.path("function").path("arguments").asString(""));
        }
        return text.toString();
    }

    private static int saturate(long value) {
        return (int) Math.min(Integer.MAX_VALUE, value);
    }
}
