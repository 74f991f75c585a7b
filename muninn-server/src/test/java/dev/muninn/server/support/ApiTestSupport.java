package dev.muninn.server.support;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole server on a random port over real HTTP, on the run's database (H2 or PostgreSQL).
 * Every subclass shares one application context per run, so tests create their own uniquely
 * named data instead of assuming an empty database.
 */
@Tag("database")
@ExtendWith(PostgresAvailability.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestSupport {

    public static final String ADMIN_TOKEN = "test-admin-token";

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        TestDatabase db = TestDatabase.current();
        registry.add("spring.datasource.url", db::url);
        registry.add("spring.datasource.username", db::username);
        registry.add("spring.datasource.password", () -> "");
        registry.add("muninn.data-dir", () -> db.dataDir().toString());
        registry.add("muninn.admin-token", () -> ADMIN_TOKEN);
        registry.add("muninn.mock.stream-delay", () -> "0");
    }

    protected TestApi api() {
        return new TestApi("http://localhost:" + port, ADMIN_TOKEN);
    }

    protected TestApi anonymous() {
        return new TestApi("http://localhost:" + port, null);
    }

    protected static String unique(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
    }
}
