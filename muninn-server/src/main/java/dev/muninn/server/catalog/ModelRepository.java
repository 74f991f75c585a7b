package dev.muninn.server.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.muninn.server.json.Json;

@Repository
public class ModelRepository {

    private static final String COLUMNS = "id, provider_id, model, name, model_key, enabled, source, supports_tool_calling, "
            + "supports_embeddings, supports_streaming, supports_response_format_json_object, "
            + "supports_response_format_json_schema, supports_parallel_tool_calls, supports_vision, context_window_tokens, "
            + "max_output_tokens, message_overhead_tokens, input_cost_per_million, output_cost_per_million, "
            + "connection_tested_at, comment, discovered_at, edited_fields, created_at, updated_at, version";

    private final JdbcClient jdbc;

    ModelRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Model> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM llm_provider_models ORDER BY provider_id, model").query(this::map).list();
    }

    public List<Model> findByProvider(UUID providerId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM llm_provider_models WHERE provider_id = ? ORDER BY model")
                .param(providerId).query(this::map).list();
    }

    public Optional<Model> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM llm_provider_models WHERE id = ?").param(id).query(this::map).optional();
    }

    public Optional<Model> findByKey(String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM llm_provider_models WHERE model_key = ?").param(key).query(this::map)
                .optional();
    }

    public Optional<Model> findByProviderAndModel(UUID providerId, String model) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM llm_provider_models WHERE provider_id = ? AND model = ?")
                .params(providerId, model).query(this::map).optional();
    }

    void insert(Model m) {
        jdbc.sql("INSERT INTO llm_provider_models (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(m.id(), m.providerId(), m.model(), m.name(), m.key(), m.enabled(), m.source().value(),
                        m.capabilities().toolCalling(), m.capabilities().embeddings(), m.capabilities().streaming(),
                        m.capabilities().jsonObject(), m.capabilities().jsonSchema(),
                        m.capabilities().parallelToolCalls(), m.capabilities().vision(), m.contextWindowTokens(),
                        m.maxOutputTokens(), m.messageOverheadTokens(), m.inputCostPerMillion(),
                        m.outputCostPerMillion(), m.connectionTestedAt(), m.comment(), m.discoveredAt(),
                        Json.write(new TreeSet<>(m.editedFields())), m.createdAt(), m.updatedAt(), m.version())
                .update();
    }

    /** Writes {@code m} if the stored version is still {@code m.version() - 1}. */
    void update(Model m) {
        int rows = jdbc.sql("UPDATE llm_provider_models SET name = ?, model_key = ?, enabled = ?, "
                        + "supports_tool_calling = ?, supports_embeddings = ?, supports_streaming = ?, "
                        + "supports_response_format_json_object = ?, supports_response_format_json_schema = ?, "
                        + "supports_parallel_tool_calls = ?, supports_vision = ?, context_window_tokens = ?, "
                        + "max_output_tokens = ?, message_overhead_tokens = ?, input_cost_per_million = ?, "
                        + "output_cost_per_million = ?, connection_tested_at = ?, comment = ?, discovered_at = ?, "
                        + "edited_fields = ?, updated_at = ?, version = ? WHERE id = ? AND version = ?")
                .params(m.name(), m.key(), m.enabled(), m.capabilities().toolCalling(), m.capabilities().embeddings(),
                        m.capabilities().streaming(), m.capabilities().jsonObject(), m.capabilities().jsonSchema(),
                        m.capabilities().parallelToolCalls(), m.capabilities().vision(), m.contextWindowTokens(),
                        m.maxOutputTokens(), m.messageOverheadTokens(), m.inputCostPerMillion(),
                        m.outputCostPerMillion(), m.connectionTestedAt(), m.comment(), m.discoveredAt(),
                        Json.write(new TreeSet<>(m.editedFields())), m.updatedAt(), m.version(), m.id(), m.version() - 1)
                .update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException("model " + m.id() + " changed concurrently");
        }
    }

    int setEnabled(UUID providerId, boolean enabled, OffsetDateTime now) {
        return jdbc.sql("UPDATE llm_provider_models SET enabled = ?, updated_at = ?, version = version + 1 "
                + "WHERE provider_id = ? AND enabled <> ?").params(enabled, now, providerId, enabled).update();
    }

    public void setConnectionTestedAt(UUID id, OffsetDateTime testedAt) {
        jdbc.sql("UPDATE llm_provider_models SET connection_tested_at = ? WHERE id = ?").params(testedAt, id).update();
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM llm_provider_models WHERE id = ?").param(id).update();
    }

    private Model map(ResultSet rs, int row) throws SQLException {
        Capabilities caps = new Capabilities(rs.getBoolean("supports_tool_calling"), rs.getBoolean("supports_embeddings"),
                rs.getBoolean("supports_streaming"), rs.getBoolean("supports_response_format_json_object"),
                rs.getBoolean("supports_response_format_json_schema"), rs.getBoolean("supports_parallel_tool_calls"),
                rs.getBoolean("supports_vision"));
        return new Model(rs.getObject("id", UUID.class), rs.getObject("provider_id", UUID.class), rs.getString("model"),
                rs.getString("name"), rs.getString("model_key"), rs.getBoolean("enabled"),
                ModelSource.valueOf(rs.getString("source").toUpperCase()), caps, rs.getInt("context_window_tokens"),
                rs.getObject("max_output_tokens", Integer.class), rs.getObject("message_overhead_tokens", Integer.class),
                rs.getBigDecimal("input_cost_per_million"), rs.getBigDecimal("output_cost_per_million"),
                rs.getObject("connection_tested_at", OffsetDateTime.class), rs.getString("comment"),
                rs.getObject("discovered_at", OffsetDateTime.class), editedFields(rs.getString("edited_fields")),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getLong("version"));
    }

    private static Set<String> editedFields(String json) {
        String[] fields = Json.mapper().readValue(json, String[].class);
        return Set.copyOf(Arrays.asList(fields));
    }
}
