package dev.muninn.server.routing;

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

    ConfigChanges(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    public void changed(String what) {
        jdbc.sql("UPDATE muninn_config_version SET version = version + 1 WHERE id = 1").update();
        events.publishEvent(new ConfigurationChanged(what));
    }

    /** Published after a configuration change; listeners rebuild what they derive from it. */
    public record ConfigurationChanged(String what) {
    }
}
