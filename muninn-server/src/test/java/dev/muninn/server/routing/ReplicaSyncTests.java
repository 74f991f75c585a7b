package dev.muninn.server.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.muninn.server.MuninnApplication;
import dev.muninn.server.support.ApiTestSupport;
import dev.muninn.server.support.TestApi;
import dev.muninn.server.support.TestDatabase;

/**
 * Two Muninn instances on one PostgreSQL: a change made through one reaches the other through
 * LISTEN/NOTIFY. The second instance's version poll is set to an hour, so only a notification
 * (or a reconnect's reload) can bring the change in time.
 */
class ReplicaSyncTests extends ApiTestSupport {

    private ConfigurableApplicationContext secondReplica;
    private TestApi second;

    @BeforeEach
    void startSecondReplica() {
        assumeTrue(TestDatabase.postgresSelected(), "replicas share a PostgreSQL database");
        TestDatabase db = TestDatabase.current();
        // command-line arguments, so they win over application.yml as they would in production
        secondReplica = new SpringApplicationBuilder(MuninnApplication.class).run(
                "--server.port=0", "--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.username(),
                "--spring.datasource.password=", "--muninn.data-dir=" + db.dataDir(), "--muninn.admin-token=" + ADMIN_TOKEN,
                "--muninn.seed.on-start=false", "--muninn.config.poll-interval=1h", "--spring.main.banner-mode=off");
        int port = ((WebServerApplicationContext) secondReplica).getWebServer().getPort();
        second = new TestApi("http://localhost:" + port, ADMIN_TOKEN);
    }

    @AfterEach
    void stopSecondReplica() {
        if (secondReplica != null) {
            secondReplica.close();
        }
    }

    @Test
    void aRouteChangedOnOneReplicaIsServedByTheOther() throws Exception {
        String providerId = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("Replicated")
                + "\",\"provider_type\":\"custom\",\"base_url\":\"http://localhost:" + port + "/mock_llm\"}").json().get("id").asString();
        api().post("/api/v1/llm/providers/" + providerId + "/models", "{\"model\":\"blue\"}");
        api().post("/api/v1/llm/providers/" + providerId + "/models", "{\"model\":\"green\"}");
        String type = unique("replicated");
        api().post("/api/v1/llm/interaction-types", "{\"name\":\"" + type + "\"}");
        api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId + "\",\"model_name\":\"blue\"}");
        awaitModelOnSecond(type, "blue");

        Instant changed = Instant.now();
        api().put("/api/v1/llm/config/" + type, "{\"provider_id\":\"" + providerId + "\",\"model_name\":\"green\"}");
        Duration propagation = awaitModelOnSecond(type, "green").minusMillis(changed.toEpochMilli()).toEpochMilli() >= 0
                ? Duration.between(changed, Instant.now()) : Duration.ZERO;
        System.out.println("Replica propagation: " + propagation.toMillis() + " ms");

        assertThat(second.post("/api/v1/llm/chat", "{\"interaction_type\":\"" + type + "\",\"user_text\":\"/echo\"}")
                .json().get("content").asString()).contains("\"model\":\"green\"");
    }

    @Test
    void aReplicaThatLostItsListenerCatchesUpWhenItReconnects() throws Exception {
        String type = unique("reconnected");
        try (Connection admin = TestDatabase.current().connect()) {
            admin.createStatement().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE query LIKE 'LISTEN muninn_config%' AND pid <> pg_backend_pid()");
        }
        api().post("/api/v1/llm/interaction-types", "{\"name\":\"" + type + "\",\"description\":\"made while a listener was down\"}");

        Instant deadline = Instant.now().plusSeconds(20);
        while (second.get("/api/v1/llm/config/" + type + "/effective").status() != 200 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(second.get("/api/v1/llm/config/" + type + "/effective").status()).isEqualTo(200);
    }

    private Instant awaitModelOnSecond(String type, String model) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        TestApi.Response effective = null;
        while (Instant.now().isBefore(deadline)) {
            effective = second.get("/api/v1/llm/config/" + type + "/effective");
            if (effective.status() == 200 && effective.json().path("model").path("model").asString("").equals(model)) {
                return Instant.now();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the second replica never served " + model + " for " + type + ": " + effective);
    }
}
