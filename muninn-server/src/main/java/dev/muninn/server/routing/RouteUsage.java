package dev.muninn.server.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.muninn.server.error.ApiException;

/** Which routes still use a provider, model or preset, so deleting it can be refused by name. */
@Component
public class RouteUsage {

    private final JdbcClient jdbc;

    RouteUsage(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void refuseIfUsed(String column, UUID id, String what) {
        // fallbacks hold provider and model ids in their JSON text
        String inFallbacks = column.equals("preset_id") ? "" : " OR fallbacks LIKE ?";
        Object[] params = column.equals("preset_id") ? new Object[] {id} : new Object[] {id, "%" + id + "%"};
        List<String> routes = new ArrayList<>();
        routes.addAll(jdbc.sql("SELECT interaction_type FROM llm_global_config WHERE " + column + " = ?" + inFallbacks
                        + " ORDER BY interaction_type")
                .params(params).query((rs, n) -> "global:" + rs.getString(1)).list());
        routes.addAll(jdbc.sql("SELECT user_id, interaction_type FROM llm_user_config WHERE " + column + " = ?" + inFallbacks
                        + " ORDER BY user_id, interaction_type")
                .params(params).query((rs, n) -> "user:" + rs.getString(1) + ":" + rs.getString(2)).list());
        if (!routes.isEmpty()) {
            throw ApiException.conflict(what + " is still used by " + routes.size() + " route(s): "
                    + String.join(", ", routes) + "; route them elsewhere first", Map.of("routes", routes));
        }
    }
}
