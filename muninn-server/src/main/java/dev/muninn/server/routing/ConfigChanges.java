package dev.muninn.server.routing;

import javax.sql.DataSource;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every change to providers, models, presets or routes goes through here, inside the
 * change's transaction: the version counter moves with the data, and the snapshot is
 * rebuilt once the transaction commits.
 */
@Component
public class ConfigChanges {

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final boolean postgres;

    ConfigChanges(JdbcClient jdbc, ApplicationEventPublisher events, DataSource dataSource) {
        this.jdbc = jdbc;
        this.events = events;
        this.postgres = ReplicaSync.isPostgres(dataSource);
    }

    public void changed(String what) {
        jdbc.sql("UPDATE muninn_config_version SET version = version + 1 WHERE id = 1").update();
        if (postgres) {
            // NOTIFY is transactional: other replicas hear of the change only once it commits
            long version = jdbc.sql("SELECT version FROM muninn_config_version WHERE id = 1").query(Long.class).single();
            jdbc.sql("SELECT pg_notify('" + ReplicaSync.CHANNEL + "', ?)").param(Long.toString(version)).query().singleRow();
        }
        events.publishEvent(new ConfigurationChanged(what));
    }

    /** Published after a configuration change; listeners rebuild what they derive from it. */
    public record ConfigurationChanged(String what) {
    }
}
