package dev.muninn.server.preset;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.muninn.server.json.Json;

@Repository
public class PresetRepository {

    private static final String COLUMNS = "id, model_id, preset_key, llm_options_overrides, comment, created_at, updated_at, version";

    private final JdbcClient jdbc;

    PresetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Preset> findAll() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM llm_presets ORDER BY model_id, preset_key").query(this::map).list();
    }

    public List<Preset> findByModel(UUID modelId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM llm_presets WHERE model_id = ? ORDER BY preset_key")
                .param(modelId).query(this::map).list();
    }

    public Optional<Preset> findById(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM llm_presets WHERE id = ?").param(id).query(this::map).optional();
    }

    public Optional<Preset> findByModelAndKey(UUID modelId, String key) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM llm_presets WHERE model_id = ? AND preset_key = ?")
                .params(modelId, key).query(this::map).optional();
    }

    void insert(Preset p) {
        jdbc.sql("INSERT INTO llm_presets (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(p.id(), p.modelId(), p.key(), Json.write(p.llmOptionsOverrides()), p.comment(), p.createdAt(),
                        p.updatedAt(), p.version())
                .update();
    }

    void update(Preset p) {
        int rows = jdbc.sql("UPDATE llm_presets SET preset_key = ?, llm_options_overrides = ?, comment = ?, updated_at = ?, "
                        + "version = ? WHERE id = ? AND version = ?")
                .params(p.key(), Json.write(p.llmOptionsOverrides()), p.comment(), p.updatedAt(), p.version(), p.id(),
                        p.version() - 1)
                .update();
        if (rows != 1) {
            throw new OptimisticLockingFailureException("preset " + p.id() + " changed concurrently");
        }
    }

    void delete(UUID id) {
        jdbc.sql("DELETE FROM llm_presets WHERE id = ?").param(id).update();
    }

    private Preset map(ResultSet rs, int row) throws SQLException {
        return new Preset(rs.getObject("id", UUID.class), rs.getObject("model_id", UUID.class), rs.getString("preset_key"),
                Json.readMap(rs.getString("llm_options_overrides")), rs.getString("comment"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("updated_at", OffsetDateTime.class),
                rs.getLong("version"));
    }
}
