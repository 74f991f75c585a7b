package dev.muninn.server.config;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Says at start which database Muninn uses, so the embedded H2 is never used unnoticed. */
@Component
class DatabaseBanner {

    private static final Logger log = LoggerFactory.getLogger(DatabaseBanner.class);

    private final DataSource dataSource;

    DatabaseBanner(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @EventListener(ApplicationReadyEvent.class)
    void announce() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData meta = connection.getMetaData();
            String url = meta.getURL().replaceAll("(?i)(password=)[^;&]*", "$1****");
            if (meta.getDatabaseProductName().toLowerCase().contains("h2")) {
                log.info("Database: embedded H2 {} at {} (set SPRING_DATASOURCE_URL to use PostgreSQL)",
                        meta.getDatabaseProductVersion(), url);
            } else {
                log.info("Database: {} {} at {}", meta.getDatabaseProductName(), meta.getDatabaseProductVersion(), url);
            }
        }
    }
}
