package dev.muninn.server.provider;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.muninn.server.json.Json;

@Repository
public class ProviderRepository {

    private static final String COLUMNS = "id, name, provider_type, base_url, api_prefix, headers, api_key_ref, enabled, "
            + "validated_at, validation_error, llm_options_defaults, message_overhead_tokens, created_at, updated_at, version";

    private final JdbcClient jdbc;

    ProviderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Provider> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM llm_providers ORDER BY name_normalized").query(this::map).list();
    }

    public Optional<Provider> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM llm_providers WHERE id = ?").param(id).query(this::map).optional();
    }

    public Optional<Provider> findByName(String name) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM llm_providers WHERE name_normalized = ?")
                .param(normalize(name)).query(this::map).optional();
    }

    void insert(Provider p) {
        jdbc.sql("INSERT INTO llm_providers (id, name, name_normalized, provider_type, api_format, base_url, api_prefix, "
                        + "headers, api_key_ref, enabled, validated_at, validation_error, llm_options_defaults, "
                        + "message_overhead_tokens, created_at, updated_at, version) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.id(), p.name(), normalize(p.name()), p.type().value(), p.apiFormat(), p.baseUrl(),
                        p.apiPrefix(), Json.write(p.headers()), p.apiKeyRef(), p.enabled(), p.validatedAt(),
                        p.validationError(), Json.write(p.llmOptionsDefaults()), p.messageOverheadTokens(),
                        p.createdAt(), p.updatedAt(), p.version())
                .update();
    }

    /** Writes {@code p} if the stored version is still {@code p.version() - 1}. */
    void update(Provider p) {
        int rows = jdbc.sql("UPDATE llm_providers SET name = ?, name_normalized = ?, base_url = ?, api_prefix = ?, "
                        + "headers = ?, api_key_ref = ?, enabled = ?, validated_at = ?, validation_error = ?, "
                        + "llm_options_defaults = ?, message_overhead_tokens = ?, updated_at = ?, version = ? "
                        + "WHERE id = ? AND version = ?")
                .params(p.name(), normalize(p.name()), p.baseUrl(), p.apiPrefix(), Json.write(p.headers()),
                        p.apiKeyRef(), p.enabled(), p.validatedAt(), p.validationError(),
                        Json.write(p.llmOptionsDefaults()), p.messageOverheadTokens(), p.updatedAt(), p.version(),
                        p.id(), p.version() - 1)
                .update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException("provider " + p.id() + " changed concurrently");
        }
    }

    /** Records a validation of the provider as it was at {@code version}; false when it has changed since. */
    boolean recordValidation(UUID id, long version, OffsetDateTime validatedAt, String error) {
        return jdbc.sql("UPDATE llm_providers SET validated_at = ?, validation_error = ? WHERE id = ? AND version = ?")
                .params(validatedAt, error, id, version).update() == 1;
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM llm_providers WHERE id = ?").param(id).update();
    }

    static String normalize(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    private Provider map(ResultSet rs, int row) throws SQLException {
        return new Provider(rs.getObject("id", UUID.class), rs.getString("name"),
                ProviderType.fromValue(rs.getString("provider_type")), rs.getString("base_url"),
                rs.getString("api_prefix"), Json.readStringMap(rs.getString("headers")), rs.getString("api_key_ref"),
                rs.getBoolean("enabled"), rs.getObject("validated_at", OffsetDateTime.class),
                rs.getString("validation_error"), Json.readMap(rs.getString("llm_options_defaults")),
                rs.getInt("message_overhead_tokens"), rs.getObject("created_at", OffsetDateTime.class),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getLong("version"));
    }
}
