package dev.muninn.server.routing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps this replica's snapshot in step with changes made on others. On PostgreSQL it LISTENs
 * for the version each change NOTIFYs and reloads when it moves; after a reconnect (when
 * notifications may have been missed) it reloads anyway. On every database a slow poll of the
 * version counter is the safety net.
 */
@Component
class ReplicaSync implements SmartLifecycle {

    static final String CHANNEL = "muninn_config";
    private static final Logger log = LoggerFactory.getLogger(ReplicaSync.class);

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final ConfigSnapshots snapshots;
    private final Duration pollInterval;
    private final boolean postgres;
    private volatile boolean running;
    private Thread listener;
    private Thread poller;

    ReplicaSync(DataSource dataSource, JdbcClient jdbc, ConfigSnapshots snapshots,
            @Value("${muninn.config.poll-interval:10s}") Duration pollInterval) {
        this.dataSource = dataSource;
        this.jdbc = jdbc;
        this.snapshots = snapshots;
        this.pollInterval = pollInterval;
        this.postgres = isPostgres(dataSource);
    }

    static boolean isPostgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void start() {
        running = true;
        if (postgres) {
            listener = daemon("muninn-config-listener", this::listen);
        }
        poller = daemon("muninn-config-poller", this::poll);
    }

    @Override
    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
        poller.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        long backoffMillis = 500;
        while (running) {
            try (Connection connection = dedicatedConnection(); Statement statement = connection.createStatement()) {
                statement.execute("LISTEN " + CHANNEL);
                snapshots.reload(); // anything missed while not listening
                backoffMillis = 500;
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(1000);
                    long newest = -1;
                    for (PGNotification notification : notifications == null ? new PGNotification[0] : notifications) {
                        newest = Math.max(newest, parse(notification.getParameter()));
                    }
                    if (newest >= 0 && snapshots.reloadIfStale(newest)) {
                        log.debug("Configuration version {} announced by another replica; snapshot reloaded", newest);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                log.warn("Lost the configuration change listener ({}); reconnecting in {} ms", e.getClass().getSimpleName(),
                        backoffMillis);
                sleep(backoffMillis);
                backoffMillis = Math.min(backoffMillis * 2, 30_000);
            }
        }
    }

    /** A connection of its own, outside the pool: a dropped listener must never hand a dead connection to a request. */
    private Connection dedicatedConnection() throws SQLException {
        if (dataSource instanceof HikariDataSource hikari) {
            return DriverManager.getConnection(hikari.getJdbcUrl(), hikari.getUsername(), hikari.getPassword());
        }
        return dataSource.getConnection();
    }

    private void poll() {
        while (running) {
            sleep(pollInterval.toMillis());
            try {
                long version = jdbc.sql("SELECT version FROM muninn_config_version WHERE id = 1").query(Long.class).single();
                snapshots.reloadIfStale(version);
            } catch (RuntimeException e) {
                log.debug("Configuration version poll failed: {}", e.getClass().getSimpleName());
            }
        }
    }

    private static Thread daemon(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static long parse(String payload) {
        try {
            return Long.parseLong(payload);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // unknown payload: reload to be safe
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
