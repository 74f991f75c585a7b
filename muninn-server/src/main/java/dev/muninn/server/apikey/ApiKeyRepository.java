package dev.muninn.server.apikey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ApiKeyRepository {

    /** A stored key with its hash, for the in-memory index. */
    record Row(ApiKey key, String hash) {
    }

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Row> findAll() {
        return jdbc.sql("SELECT id, name, key_hash, user_id, created_at, last_used_at FROM muninn_api_keys ORDER BY created_at, id")
                .query(ApiKeyRepository::row).list();
    }

    void insert(ApiKey key, String hash) {
        jdbc.sql("INSERT INTO muninn_api_keys (id, name, key_hash, user_id, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(key.id(), key.name(), hash, key.userId(), key.createdAt()).update();
    }

    boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM muninn_api_keys WHERE id = ?").param(id).update() > 0;
    }

    void touch(UUID id, OffsetDateTime at) {
        jdbc.sql("UPDATE muninn_api_keys SET last_used_at = ? WHERE id = ?").params(at, id).update();
    }

    private static Row row(ResultSet rs, int n) throws SQLException {
        return new Row(new ApiKey(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("user_id"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getObject("last_used_at", OffsetDateTime.class)),
                rs.getString("key_hash"));
    }
}
