package dev.muninn.server.routing;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import dev.muninn.server.json.Json;
import org.springframework.stereotype.Repository;

/** Interaction types, global routes ({@code llm_global_config}) and user overrides ({@code llm_user_config}). */
@Repository
class RoutingRepository {

    private static final String ROUTE_COLUMNS = "interaction_type, provider_id, model_id, preset_id, temperature, "
            + "max_tokens, fallbacks, updated_at, updated_by, version";

    private final JdbcClient jdbc;

    RoutingRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<InteractionType> types() {
        return jdbc.sql("SELECT name, kind, built_in, description, created_at FROM llm_interaction_types "
                + "ORDER BY built_in DESC, created_at, name").query(this::mapType).list();
    }

    Optional<InteractionType> type(String name) {
        return jdbc.sql("SELECT name, kind, built_in, description, created_at FROM llm_interaction_types WHERE name = ?")
                .param(name).query(this::mapType).optional();
    }

    void insertType(InteractionType t) {
        jdbc.sql("INSERT INTO llm_interaction_types (name, kind, built_in, description, created_at) VALUES (?, ?, ?, ?, ?)")
                .params(t.name(), t.kind().value(), t.builtIn(), t.description(), t.createdAt()).update();
    }

    void updateTypeDescription(String name, String description) {
        jdbc.sql("UPDATE llm_interaction_types SET description = ? WHERE name = ?").params(description, name).update();
    }

    void deleteType(String name) {
        jdbc.sql("DELETE FROM llm_interaction_types WHERE name = ?").param(name).update();
    }

    List<Route> globalRoutes() {
        return jdbc.sql("SELECT " + ROUTE_COLUMNS + " FROM llm_global_config ORDER BY interaction_type")
                .query((rs, n) -> mapRoute(rs, null)).list();
    }

    Optional<Route> globalRoute(String type) {
        return jdbc.sql("SELECT " + ROUTE_COLUMNS + " FROM llm_global_config WHERE interaction_type = ?").param(type)
                .query((rs, n) -> mapRoute(rs, null)).optional();
    }

    List<Route> userRoutes() {
        return jdbc.sql("SELECT user_id, " + ROUTE_COLUMNS + " FROM llm_user_config ORDER BY user_id, interaction_type")
                .query((rs, n) -> mapRoute(rs, rs.getString("user_id"))).list();
    }

    List<Route> userRoutes(String userId) {
        return jdbc.sql("SELECT user_id, " + ROUTE_COLUMNS + " FROM llm_user_config WHERE user_id = ? ORDER BY interaction_type")
                .param(userId).query((rs, n) -> mapRoute(rs, rs.getString("user_id"))).list();
    }

    Optional<Route> userRoute(String userId, String type) {
        return jdbc.sql("SELECT user_id, " + ROUTE_COLUMNS + " FROM llm_user_config WHERE user_id = ? AND interaction_type = ?")
                .params(userId, type).query((rs, n) -> mapRoute(rs, rs.getString("user_id"))).optional();
    }

    List<String> routesOfType(String type) {
        List<String> labels = new java.util.ArrayList<>(globalRoute(type).map(Route::label).stream().toList());
        labels.addAll(jdbc.sql("SELECT user_id FROM llm_user_config WHERE interaction_type = ? ORDER BY user_id").param(type)
                .query((rs, n) -> "user:" + rs.getString(1) + ":" + type).list());
        return labels;
    }

    /** Inserts or replaces a route; the version moves on by one. */
    void save(Route r) {
        if (r.userId() == null) {
            int updated = jdbc.sql("UPDATE llm_global_config SET provider_id = ?, model_id = ?, preset_id = ?, temperature = ?, "
                            + "max_tokens = ?, fallbacks = ?, updated_at = ?, updated_by = ?, version = version + 1 "
                            + "WHERE interaction_type = ?")
                    .params(r.providerId(), r.modelId(), r.presetId(), r.temperature(), r.maxTokens(), fallbacks(r),
                            r.updatedAt(), r.updatedBy(), r.interactionType())
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO llm_global_config (" + ROUTE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                        .params(r.interactionType(), r.providerId(), r.modelId(), r.presetId(), r.temperature(),
                                r.maxTokens(), fallbacks(r), r.updatedAt(), r.updatedBy())
                        .update();
            }
        } else {
            int updated = jdbc.sql("UPDATE llm_user_config SET provider_id = ?, model_id = ?, preset_id = ?, temperature = ?, "
                            + "max_tokens = ?, fallbacks = ?, updated_at = ?, updated_by = ?, version = version + 1 "
                            + "WHERE user_id = ? AND interaction_type = ?")
                    .params(r.providerId(), r.modelId(), r.presetId(), r.temperature(), r.maxTokens(), fallbacks(r),
                            r.updatedAt(), r.updatedBy(), r.userId(), r.interactionType())
                    .update();
            if (updated == 0) {
                jdbc.sql("INSERT INTO llm_user_config (id, user_id, " + ROUTE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)")
                        .params(UUID.randomUUID(), r.userId(), r.interactionType(), r.providerId(), r.modelId(),
                                r.presetId(), r.temperature(), r.maxTokens(), fallbacks(r), r.updatedAt(), r.updatedBy())
                        .update();
            }
        }
    }

    int deleteGlobal(String type) {
        return jdbc.sql("DELETE FROM llm_global_config WHERE interaction_type = ?").param(type).update();
    }

    int deleteUser(String userId, String type) {
        return jdbc.sql("DELETE FROM llm_user_config WHERE user_id = ? AND interaction_type = ?").params(userId, type).update();
    }

    List<String> users() {
        return jdbc.sql("SELECT DISTINCT user_id FROM llm_user_config ORDER BY user_id").query(String.class).list();
    }

    long configVersion() {
        return jdbc.sql("SELECT version FROM muninn_config_version WHERE id = 1").query(Long.class).single();
    }

    private static String fallbacks(Route r) {
        return Json.write(r.fallbacks());
    }

    private static List<Route.Fallback> readFallbacks(String json) {
        return List.of(Json.mapper().readValue(json == null ? "[]" : json, Route.Fallback[].class));
    }

    private InteractionType mapType(ResultSet rs, int row) throws SQLException {
        return new InteractionType(rs.getString("name"), InteractionType.Kind.valueOf(rs.getString("kind").toUpperCase()),
                rs.getBoolean("built_in"), rs.getString("description"), rs.getObject("created_at", OffsetDateTime.class));
    }

    private static Route mapRoute(ResultSet rs, String userId) throws SQLException {
        return new Route(rs.getString("interaction_type"), userId, rs.getObject("provider_id", UUID.class),
                rs.getObject("model_id", UUID.class), rs.getObject("preset_id", UUID.class),
                rs.getObject("temperature", Double.class), rs.getObject("max_tokens", Integer.class),
                readFallbacks(rs.getString("fallbacks")), rs.getObject("updated_at", OffsetDateTime.class), rs.getString("updated_by"), rs.getLong("version"));
    }
}
