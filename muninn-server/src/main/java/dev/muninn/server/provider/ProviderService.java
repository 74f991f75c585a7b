package dev.muninn.server.provider;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.muninn.core.provider.ApiFormat;
import dev.muninn.core.provider.ProviderConnection;
import dev.muninn.server.config.Timestamps;
import dev.muninn.server.error.ApiException;
import dev.muninn.server.json.JsonBody;
import dev.muninn.server.routing.ConfigChanges;
import dev.muninn.server.routing.RouteUsage;
import dev.muninn.server.secret.SecretStore;
import dev.muninn.server.secret.SecretUnavailableException;
import tools.jackson.databind.JsonNode;

@Service
public class ProviderService {

    static final Set<String> FIELDS = Set.of("name", "provider_type", "api_format", "api_key", "api_key_env",
            "api_base_url", "base_url", "api_prefix", "headers", "enabled", "llm_options_defaults",
            "message_overhead_tokens", "version");

    /** Header names that look like they carry a credential: the api_key field (stored encrypted) is the place for one. */
    private static final Pattern SECRET_HEADER = Pattern.compile("(?i).*(auth|key|token|secret|password|cookie|credential).*");
    /** What an HTTP/1.1 header value may hold: visible Latin-1 characters, spaces and tabs. */
    private static final Pattern HEADER_VALUE = Pattern.compile("[\\t\\x20-\\x7E\\xA0-\\xFF]*");
    private static final Pattern VERSION_SUFFIX = Pattern.compile("^(.*?)(/v\\d+[a-z0-9]*)$");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final ProviderRepository providers;
    private final SecretStore secrets;
    private final RouteUsage routeUsage;
    private final ConfigChanges changes;

    ProviderService(ProviderRepository providers, SecretStore secrets, RouteUsage routeUsage, ConfigChanges changes) {
        this.providers = providers;
        this.secrets = secrets;
        this.routeUsage = routeUsage;
        this.changes = changes;
    }

    public List<Provider> list() {
        return providers.findAll();
    }

    public Provider get(UUID id) {
        return providers.findById(id).orElseThrow(() -> ApiException.notFound("Provider", id));
    }

    /** How to reach the provider, key included; the key lives only in this short-lived value. */
    public ProviderConnection connection(Provider provider, Duration requestTimeout) {
        return new ProviderConnection(provider.name(),
                provider.type() == ProviderType.ANTHROPIC ? ApiFormat.ANTHROPIC : ApiFormat.OPENAI, provider.baseUrl(),
                provider.apiPrefix(), provider.headers(), apiKey(provider), requestTimeout);
    }

    /** The provider's API key in plaintext, for calling it; null when it has none. */
    public String apiKey(Provider provider) {
        return provider.apiKeyRef() == null ? null : secrets.open(provider.id(), provider.apiKeyRef());
    }

    public ProviderView view(Provider p) {
        String ref = p.apiKeyRef();
        String last4 = null;
        boolean usable = false;
        if (ref != null) {
            try {
                last4 = secrets.lastFour(p.id(), ref);
                usable = true;
            } catch (SecretUnavailableException e) {
                // an env: reference whose variable is not set here: shown as no key
            }
        }
        String source = ref == null ? null : secrets.isEnvReference(ref) ? "env:" + ref.substring(4) : "encrypted";
        return new ProviderView(p.id(), p.name(), p.type().value(), p.apiFormat(), p.baseUrl(), p.apiPrefix(),
                p.baseUrl() + p.apiPrefix(), p.headers(), usable, last4, source, p.enabled(), p.validatedAt(),
                p.validationError(), p.llmOptionsDefaults(), p.messageOverheadTokens(), p.createdAt(), p.updatedAt(),
                p.version());
    }

    @Transactional
    public Provider create(JsonNode json) {
        JsonBody body = JsonBody.of(json, FIELDS);
        String typeName = body.requiredText("provider_type");
        if (!ProviderType.isKnown(typeName)) {
            throw ApiException.invalid("provider_type", "one_of", "'provider_type' must be one of openai, anthropic, custom");
        }
        ProviderType type = ProviderType.fromValue(typeName);
        String name = checkedName(body.requiredText("name"), null);
        checkApiFormat(body, type);
        Endpoint endpoint = endpoint(body, type, null);
        OffsetDateTime now = Timestamps.now();
        UUID id = UUID.randomUUID();
        Provider provider = new Provider(id, name, type, endpoint.baseUrl(), endpoint.apiPrefix(),
                headers(body, Map.of()), keyReference(body, id, null),
                orDefault(body.bool("enabled"), true), null, null,
                body.storedOptions("llm_options_defaults", Map.of(), "a provider default"),
                orDefault(body.integer("message_overhead_tokens", 0), 0), now, now, 0);
        providers.insert(provider);
        changes.changed("provider created");
        return provider;
    }

    @Transactional
    public Provider update(UUID id, JsonNode json) {
        Provider current = get(id);
        JsonBody body = JsonBody.of(json, FIELDS);
        body.expectVersion(current.version(), "provider");
        if (body.has("provider_type") && !current.type().value().equals(body.text("provider_type"))) {
            throw ApiException.invalid("provider_type", "immutable", "'provider_type' cannot be changed; add a new provider instead");
        }
        checkApiFormat(body, current.type());
        String name = body.has("name") ? checkedName(body.requiredText("name"), id) : current.name();
        Endpoint endpoint = endpoint(body, current.type(), current);
        boolean connectionChanged = !endpoint.baseUrl().equals(current.baseUrl())
                || !endpoint.apiPrefix().equals(current.apiPrefix()) || body.has("api_key") || body.has("api_key_env");
        Provider updated = new Provider(id, name, current.type(), endpoint.baseUrl(), endpoint.apiPrefix(),
                headers(body, current.headers()), keyReference(body, id, current.apiKeyRef()),
                body.has("enabled") ? orDefault(body.bool("enabled"), current.enabled()) : current.enabled(),
                connectionChanged ? null : current.validatedAt(), connectionChanged ? null : current.validationError(),
                body.storedOptions("llm_options_defaults", current.llmOptionsDefaults(), "a provider default"),
                body.has("message_overhead_tokens") ? orDefault(body.integer("message_overhead_tokens", 0), 0)
                        : current.messageOverheadTokens(),
                current.createdAt(), Timestamps.now(), current.version() + 1);
        providers.update(updated);
        changes.changed("provider updated");
        return updated;
    }

    @Transactional
    public void delete(UUID id) {
        Provider provider = get(id);
        routeUsage.refuseIfUsed("provider_id", id, "Provider '" + provider.name() + "'");
        providers.delete(id);
        changes.changed("provider deleted");
    }

    /** Records the outcome of a validation: a time on success, the error on failure. */
    @Transactional
    public Provider recordValidation(Provider provider, String error) {
        OffsetDateTime validatedAt = error == null ? Timestamps.now() : null;
        if (!providers.recordValidation(provider.id(), provider.version(), validatedAt, error)) {
            // changed while it was being validated: the outcome belongs to a configuration that is gone
            return get(provider.id());
        }
        changes.changed("provider validated");
        return provider.withValidation(validatedAt, error);
    }

    private String checkedName(String name, UUID self) {
        if (name.length() > 200) {
            throw ApiException.invalid("name", "max_length", "'name' must be at most 200 characters");
        }
        providers.findByName(name).filter(existing -> !existing.id().equals(self)).ifPresent(existing -> {
            throw ApiException.conflict("name", "unique", "A provider named '" + existing.name() + "' already exists");
        });
        return name;
    }

    private static void checkApiFormat(JsonBody body, ProviderType type) {
        String format = body.text("api_format");
        if (format != null && !format.equals(type.apiFormat())) {
            throw ApiException.invalid("api_format", "matches_provider_type",
                    "'api_format' of a " + type.value() + " provider is '" + type.apiFormat() + "'");
        }
    }

    private record Endpoint(String baseUrl, String apiPrefix) {
    }

    /**
     * Accepts base_url + api_prefix (VibeTavern) or api_base_url (Hliðskjálf, e.g.
     * http://localhost:1234/v1), splitting a trailing version segment off into the prefix.
     */
    private static Endpoint endpoint(JsonBody body, ProviderType type, Provider current) {
        String field = body.has("api_base_url") ? "api_base_url" : "base_url";
        if (body.has("api_base_url") && body.has("base_url")) {
            throw ApiException.invalid("api_base_url", "exclusive", "Give either 'base_url' or 'api_base_url', not both");
        }
        String url = body.httpUrl(field);
        String prefix = body.has("api_prefix") ? normalizePrefix(body) : null;
        if (url == null) {
            if (body.isNull(field) || current == null) {
                url = type.defaultBaseUrl();
                if (url == null) {
                    throw ApiException.invalid(field, "required", "A custom provider needs '" + field + "' (its OpenAI-compatible URL)");
                }
            } else {
                url = current.baseUrl();
            }
        }
        if (prefix == null && body.has(field)) {
            Matcher m = VERSION_SUFFIX.matcher(url);
            if (m.matches() && URI.create(m.group(1)).getHost() != null) {
                return new Endpoint(m.group(1), m.group(2));
            }
        }
        if (prefix == null) {
            // a new base_url alone keeps the stored prefix; only api_base_url carries one of its own
            prefix = current != null && !field.equals("api_base_url") ? current.apiPrefix() : type.defaultApiPrefix();
        }
        return new Endpoint(url, prefix);
    }

    private static String normalizePrefix(JsonBody body) {
        if (body.isNull("api_prefix")) {
            return "";
        }
        String prefix = body.text("api_prefix", 200);
        if (prefix == null) {
            return "";
        }
        if (!prefix.matches("(/[A-Za-z0-9._~-]+)*/?")) {
            throw ApiException.invalid("api_prefix", "path", "'api_prefix' must be a URL path such as /v1");
        }
        return prefix.replaceAll("/+$", "");
    }

    private static Map<String, String> headers(JsonBody body, Map<String, String> current) {
        if (!body.has("headers")) {
            return current;
        }
        Map<String, String> headers = body.stringMap("headers");
        if (headers == null) {
            return Map.of();
        }
        for (String name : headers.keySet()) {
            if (!name.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw ApiException.invalid("headers." + name, "header_name", "'" + name + "' is not a valid HTTP header name");
            }
            if (SECRET_HEADER.matcher(name).matches()) {
                throw ApiException.invalid("headers." + name, "no_credentials",
                        "Put credentials in 'api_key' (stored encrypted), not in a plaintext header");
            }
            if (!HEADER_VALUE.matcher(headers.get(name)).matches() || headers.get(name).length() > 1000) {
                throw ApiException.invalid("headers." + name, "header_value",
                        "A header value may hold printable Latin-1 characters only, at most 1000 of them");
            }
        }
        return new LinkedHashMap<>(headers);
    }


    /** Seals a new key, points at an environment variable, clears, or keeps the current reference. */
    private String keyReference(JsonBody body, UUID id, String current) {
        if (body.has("api_key") && body.has("api_key_env") && !body.isNull("api_key") && !body.isNull("api_key_env")) {
            throw ApiException.invalid("api_key_env", "exclusive", "Give either 'api_key' or 'api_key_env', not both");
        }
        if (body.has("api_key") && !body.isNull("api_key")) {
            return secrets.seal(id, body.text("api_key", 2000));
        }
        if (body.has("api_key_env") && !body.isNull("api_key_env")) {
            String env = body.text("api_key_env", 200);
            if (env != null && !ENV_NAME.matcher(env).matches()) {
                throw ApiException.invalid("api_key_env", "env_name", "'api_key_env' must be an environment variable name");
            }
            return "env:" + env;
        }
        return body.has("api_key") || body.has("api_key_env") ? null : current;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

}
