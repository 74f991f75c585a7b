package dev.muninn.server.secret;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class SecretConfigurationTests {

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner().withUserConfiguration(SecretConfiguration.class);

    @TempDir
    Path dataDir;

    @Test
    void storeUsesTheKeyFileInTheDataDirectory() {
        contextRunner.withPropertyValues("muninn.data-dir=" + dataDir, "muninn.secrets.master-key=")
                .run(context -> {
                    SecretStore store = context.getBean(SecretStore.class);
                    UUID owner = UUID.randomUUID();
                    assertThat(store.open(owner, store.seal(owner, "sk-test-1234567890"))).isEqualTo("sk-test-1234567890");
                    assertThat(dataDir.resolve("master.key")).exists();
                });
    }

    @Test
    void malformedMasterKeyFailsStartWithoutEchoingTheValue() {
        String value = "c2hvcnQ-not!base64";
        contextRunner.withPropertyValues("muninn.data-dir=" + dataDir, "muninn.secrets.master-key=" + value)
                .run(context -> {
                    assertThat(context).hasFailed();
                    Throwable failure = context.getStartupFailure();
                    assertThat(failure).rootCause().hasMessageContaining("MUNINN_MASTER_KEY");
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        assertThat(String.valueOf(t.getMessage())).doesNotContain(value);
                    }
                });
    }
}
