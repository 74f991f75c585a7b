package dev.muninn.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.muninn.core.fixture.AnthropicWire;
import dev.muninn.core.fixture.FixtureServer;
import dev.muninn.core.fixture.OpenAiWire;
import dev.muninn.core.provider.ApiFormat;
import dev.muninn.core.provider.ProviderConnection;
import dev.muninn.core.provider.ProviderException;
import dev.muninn.core.transport.UpstreamHttp;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ModelDiscoveryTests {

    // Port 1 lies outside the ephemeral range, so a refused connect can never turn into a self-connect.
    private static final String CLOSED_PORT_URL = "http://127.0.0.1:1";

    private static final String KEY = "sk-SECRET-discovery-0123456789";

    private final ModelDiscovery discovery = new ModelDiscovery(UpstreamHttp.create(Duration.ofSeconds(1)));
    private FixtureServer server;

    @BeforeEach
    void startServer() {
        server = FixtureServer.start();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private ProviderConnection connection(ApiFormat format) {
        return new ProviderConnection("P", format, server.baseUrl(), null, Map.of(), KEY, Duration.ofSeconds(1));
    }

    private static Map<String, DiscoveredModel> byId(DiscoveryResult result) {
        return result.models().stream().collect(Collectors.toMap(DiscoveredModel::model, Function.identity()));
    }

    @Test
    void openRouterListingFillsNameContextPricingAndCapabilities() {
        server.json("GET", "/v1/models", 200, OpenAiWire.OPENROUTER_MODELS);

        DiscoveryResult result = discovery.listModels(connection(ApiFormat.OPENAI));

        assertThat(result.fromBuiltInCatalog()).isFalse();
        Map<String, DiscoveredModel> models = byId(result);
        DiscoveredModel sonnet = models.get("anthropic/claude-3.5-sonnet");
        assertThat(sonnet.displayName()).isEqualTo("Anthropic: Claude 3.5 Sonnet");
        assertThat(sonnet.contextWindowTokens()).isEqualTo(200_000);
        assertThat(sonnet.maxOutputTokens()).isEqualTo(8192);
        assertThat(sonnet.inputCostPerMillion()).isEqualByComparingTo("3");
        assertThat(sonnet.outputCostPerMillion()).isEqualByComparingTo("15");
        assertThat(sonnet.supportsToolCalling()).isTrue();
        assertThat(sonnet.supportsJsonObject()).isFalse();
        assertThat(sonnet.supportsVision()).isTrue();

        DiscoveredModel mistral = models.get("mistralai/mistral-7b-instruct");
        assertThat(mistral.supportsToolCalling()).isFalse();
        assertThat(mistral.supportsJsonObject()).isTrue();
        assertThat(mistral.supportsJsonSchema()).isTrue();
        assertThat(mistral.supportsVision()).isFalse();
        assertThat(mistral.inputCostPerMillion()).isEqualByComparingTo(new BigDecimal("0.028"));

        DiscoveredModel auto = models.get("openrouter/auto");
        assertThat(auto.inputCostPerMillion()).as("variable pricing is unknown, not negative").isNull();
        assertThat(auto.supportsToolCalling()).isNull();
        assertThat(server.lastRequest().header("Authorization")).isEqualTo("Bearer " + KEY);
    }

    @Test
    void vllmListingGivesContextWindowsAndEmbeddingModelsAreRecognised() {
        server.json("GET", "/v1/models", 200, OpenAiWire.VLLM_MODELS);

        Map<String, DiscoveredModel> models = byId(discovery.listModels(connection(ApiFormat.OPENAI)));

        DiscoveredModel llama = models.get("meta-llama/Llama-3.1-8B-Instruct");
        assertThat(llama.contextWindowTokens()).isEqualTo(32768);
        assertThat(llama.supportsEmbeddings()).isNull();
        assertThat(models.get("nomic-embed-text").supportsEmbeddings()).isTrue();
        assertThat(models.get("nomic-embed-text").contextWindowTokens()).isEqualTo(8192);
    }

    @Test
    void wellKnownOpenAiModelsAreFilledFromTheBuiltInCatalog() {
        server.json("GET", "/v1/models", 200, OpenAiWire.OPENAI_MODELS);

        DiscoveryResult result = discovery.listModels(connection(ApiFormat.OPENAI));
        Map<String, DiscoveredModel> models = byId(result);

        assertThat(result.models()).extracting(DiscoveredModel::model).containsExactly(
                "gpt-4o-2024-08-06", "gpt-4o-mini", "text-embedding-3-small", "my-finetune");
        DiscoveredModel snapshot = models.get("gpt-4o-2024-08-06");
        assertThat(snapshot.contextWindowTokens()).isEqualTo(128_000);
        assertThat(snapshot.supportsToolCalling()).isTrue();
        assertThat(snapshot.supportsVision()).isTrue();
        assertThat(snapshot.inputCostPerMillion()).isEqualByComparingTo("2.50");
        assertThat(models.get("gpt-4o-mini").outputCostPerMillion()).isEqualByComparingTo("0.60");
        DiscoveredModel embedding = models.get("text-embedding-3-small");
        assertThat(embedding.supportsEmbeddings()).isTrue();
        assertThat(embedding.supportsToolCalling()).isFalse();
        assertThat(embedding.inputCostPerMillion()).isEqualByComparingTo("0.02");
        assertThat(models.get("my-finetune").contextWindowTokens()).isNull();
    }

    @Test
    void anthropicListingUsesItsHeadersAndDisplayNames() {
        server.json("GET", "/v1/models", 200, AnthropicWire.MODELS);

        DiscoveryResult result = discovery.listModels(connection(ApiFormat.ANTHROPIC));

        assertThat(result.fromBuiltInCatalog()).isFalse();
        DiscoveredModel sonnet = byId(result).get("claude-sonnet-4-5-20250929");
        assertThat(sonnet.displayName()).isEqualTo("Claude Sonnet 4.5");
        assertThat(sonnet.contextWindowTokens()).isEqualTo(200_000);
        assertThat(sonnet.supportsToolCalling()).isTrue();
        assertThat(sonnet.supportsVision()).isTrue();
        assertThat(server.lastRequest().header("x-api-key")).isEqualTo(KEY);
        assertThat(server.lastRequest().header("anthropic-version")).isEqualTo("2023-06-01");
    }

    @Test
    void anthropicFallsBackToTheBuiltInCatalogWhenListingIsUnavailable() {
        server.json("GET", "/v1/models", 404, "{\"type\":\"error\",\"error\":{\"type\":\"not_found_error\"}}");

        DiscoveryResult result = discovery.listModels(connection(ApiFormat.ANTHROPIC));

        assertThat(result.fromBuiltInCatalog()).isTrue();
        assertThat(result.models()).extracting(DiscoveredModel::model).contains(
                "claude-3-5-sonnet-20241022", "claude-3-5-haiku-20241022", "claude-3-opus-20240229",
                "claude-sonnet-4-5-20250929");
        assertThat(result.models()).allSatisfy(model -> {
            assertThat(model.contextWindowTokens()).isEqualTo(200_000);
            assertThat(model.supportsToolCalling()).isTrue();
            assertThat(model.supportsVision()).isTrue();
        });
    }

    @Test
    void anthropicRejectingTheKeyIsReportedNotHiddenByTheFallback() {
        server.json("GET", "/v1/models", 401, AnthropicWire.AUTH_ERROR);

        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> discovery.listModels(connection(ApiFormat.ANTHROPIC)));

        assertThat(failure.status()).isEqualTo(401);
        assertThat(failure.getMessage()).doesNotContain(KEY);
    }

    @Test
    void validationFailsWhenTheProviderCannotListModels() {
        server.json("GET", "/v1/models", 500, "{\"error\":{\"message\":\"boom\"}}");

        ProviderException anthropic = catchThrowableOfType(ProviderException.class,
                () -> discovery.validate(connection(ApiFormat.ANTHROPIC)));
        ProviderException openAi = catchThrowableOfType(ProviderException.class,
                () -> discovery.validate(connection(ApiFormat.OPENAI)));

        assertThat(anthropic.status()).isEqualTo(500);
        assertThat(openAi.getMessage()).contains("boom");
    }

    @Test
    void anUnreachableServerFailsQuickly() {
        ProviderConnection nowhere = ProviderConnection.of("LM Studio", ApiFormat.OPENAI,
                CLOSED_PORT_URL, KEY);
        long started = System.nanoTime();

        ProviderException failure = catchThrowableOfType(ProviderException.class, () -> discovery.listModels(nowhere));

        assertThat(failure.kind()).isEqualTo(ProviderException.Kind.UNREACHABLE);
        assertThat(failure.getMessage()).contains("LM Studio").doesNotContain(KEY);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void aListingWithoutDataIsAnInvalidResponse() {
        server.json("GET", "/v1/models", 200, "{\"models\":[{\"name\":\"llama3\"}]}");

        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> discovery.listModels(connection(ApiFormat.OPENAI)));

        assertThat(failure.kind()).isEqualTo(ProviderException.Kind.INVALID_RESPONSE);
    }

    @Test
    void catalogEntriesMatchDatedSnapshotsAndAliases() {
        assertThat(discovery.catalogEntry(ApiFormat.ANTHROPIC, "claude-3-5-sonnet-latest").contextWindowTokens())
                .isEqualTo(200_000);
        assertThat(discovery.catalogEntry(ApiFormat.OPENAI, "gpt-4.1-mini-2025-04-14").contextWindowTokens())
                .isEqualTo(1_047_576);
        assertThat(discovery.catalogEntry(ApiFormat.OPENAI, "gpt-3.5-turbo-0125").supportsJsonSchema()).isFalse();
        assertThat(discovery.catalogEntry(ApiFormat.OPENAI, "unknown-model")).isNull();
    }

    @Test
    void aSlowListingTimesOutAtTheDiscoveryCapNotTheChatTimeout() {
        server.slow("GET", "/v1/models", Duration.ofSeconds(3), OpenAiWire.OPENAI_MODELS);
        ModelDiscovery impatient = new ModelDiscovery(UpstreamHttp.create(Duration.ofSeconds(1)), Duration.ofMillis(300));
        ProviderConnection patientChats = connection(ApiFormat.OPENAI).withRequestTimeout(Duration.ofMinutes(5));
        long started = System.nanoTime();

        ProviderException failure = catchThrowableOfType(ProviderException.class,
                () -> impatient.listModels(patientChats));

        assertThat(failure.kind()).isEqualTo(ProviderException.Kind.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
    }
}
