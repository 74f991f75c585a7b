package dev.muninn.server.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * The database a test run uses: {@code -Dmuninn.test.database=h2} (a file database, as in
 * production's default) or {@code postgresql} (a fresh database per run on localhost:5432).
 */
public final class TestDatabase {

    public static final String POSTGRES_ADMIN_URL = "jdbc:postgresql://localhost:5432/postgres";

    private static volatile TestDatabase current;

    private final String kind;
    private final String url;
    private final String username;
    private final Path dataDir;

    private TestDatabase(String kind, String url, String username, Path dataDir) {
        this.kind = kind;
        this.url = url;
        this.username = username;
        this.dataDir = dataDir;
    }

    public static boolean postgresSelected() {
        return "postgresql".equals(System.getProperty("muninn.test.database", "h2"));
    }

    public static synchronized TestDatabase current() {
        if (current == null) {
            current = postgresSelected() ? createPostgres() : createH2();
        }
        return current;
    }

    public String kind() {
        return kind;
    }

    public String url() {
        return url;
    }

    public String username() {
        return username;
    }

    /** The data directory of this run: master key file and, on H2, the database file. */
    public Path dataDir() {
        return dataDir;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, username, "");
    }

    private static TestDatabase createH2() {
        Path dir = newDataDir();
        return new TestDatabase("h2", "jdbc:h2:file:" + dir.resolve("muninn").toAbsolutePath(), "sa", dir);
    }

    private static TestDatabase createPostgres() {
        String name = "muninn_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(POSTGRES_ADMIN_URL, "postgres", "")) {
            admin.createStatement().execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test database on localhost:5432", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection admin = DriverManager.getConnection(POSTGRES_ADMIN_URL, "postgres", "")) {
                admin.createStatement().execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException ignored) {
                // a leftover test database is harmless; the next run uses a new name
            }
        }));
        return new TestDatabase("postgresql", "jdbc:postgresql://localhost:5432/" + name, "postgres", newDataDir());
    }

    public static boolean postgresReachable() {
        try (Connection ignored = DriverManager.getConnection(POSTGRES_ADMIN_URL, "postgres", "")) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private static Path newDataDir() {
        try {
            Path base = Path.of("target", "test-data");
            Files.createDirectories(base);
            return Files.createTempDirectory(base.toAbsolutePath(), "run-");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
