package dev.muninn.server.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.muninn.server.support.ApiTestSupport;
import dev.muninn.server.support.TestDatabase;

/** A planted key is looked for everywhere it must never be: the database, a dump, the log and every response. */
@ExtendWith(OutputCaptureExtension.class)
class KeyLeakTests extends ApiTestSupport {

    @Autowired
    JdbcClient jdbc;

    @Test
    void aPlantedKeyNeverReachesTheDatabaseTheLogOrAResponse(CapturedOutput output) throws Exception {
        String key = "sk-planted-" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder responses = new StringBuilder();
        var created = api().post("/api/v1/llm/providers", "{\"name\":\"" + unique("Leak") + "\",\"provider_type\":\"custom\","
                + "\"base_url\":\"http://127.0.0.1:1\",\"api_key\":\"" + key + "\"}");
        responses.append(created.body());
        String id = created.json().get("id").asString();
        responses.append(api().get("/api/v1/llm/providers").body());
        responses.append(api().get("/api/v1/llm/providers/" + id).body());
        responses.append(api().post("/api/v1/llm/providers/" + id + "/validate", null).body());
        responses.append(api().get("/api/v1/llm/providers/" + id + "/models").body());
        responses.append(api().patch("/api/v1/llm/providers/" + id, "{\"base_url\":\"http://localhost:" + port + "/mock_llm\"}").body());
        responses.append(api().post("/api/v1/llm/providers/" + id + "/validate", null).body());
        responses.append(api().get("/api/v1/llm/providers/" + id + "/models?refresh=true").body());

        assertThat(created.json().get("api_key_last4").asString()).isEqualTo(key.substring(key.length() - 4));
        String encoded = Base64.getEncoder().encodeToString(key.getBytes(StandardCharsets.UTF_8));
        assertThat(responses.toString()).doesNotContain(key).doesNotContain(encoded);
        assertThat(output.getAll()).doesNotContain(key).doesNotContain(encoded);
        assertThat(storedDatabase()).doesNotContain(key).doesNotContain(encoded);
        assertThat(jdbc.sql("SELECT api_key_ref FROM llm_providers WHERE id = ?").param(UUID.fromString(id))
                .query(String.class).single()).startsWith("enc:v1:");
    }

    /** The H2 database file after a checkpoint, or a pg_dump of the PostgreSQL test database. */
    private String storedDatabase() throws IOException, InterruptedException {
        TestDatabase db = TestDatabase.current();
        if (db.kind().equals("h2")) {
            jdbc.sql("CHECKPOINT SYNC").update();
            Path file = db.dataDir().resolve("muninn.mv.db");
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        }
        String database = db.url().substring(db.url().lastIndexOf('/') + 1);
        Process dump = new ProcessBuilder("pg_dump", "-h", "localhost", "-U", "postgres", database)
                .redirectErrorStream(true).start();
        String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(dump.waitFor()).as(text).isZero();
        assertThat(text).contains("llm_providers");
        return text;
    }
}
