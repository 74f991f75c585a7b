package dev.muninn.server.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyLoaderTests {

    private final MasterKeyLoader loader = new MasterKeyLoader(new SecureRandom());

    @TempDir
    Path dataDir;

    @Test
    void keyFileIsCreatedOwnerOnlyOnFirstStartAndReusedLater() throws Exception {
        Path keyFile = dataDir.resolve("nested/data").resolve("master.key");

        MasterKeys first = loader.load("", "", keyFile.getParent());

        assertThat(keyFile).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
        assertThat(Files.list(keyFile.getParent())).containsExactly(keyFile);
        MasterKeys second = loader.load(null, null, keyFile.getParent());
        assertThat(second.current().id()).isEqualTo(first.current().id());
    }

    @Test
    void keyFileHoldsAValueUsableAsMasterKeyVariable() throws Exception {
        MasterKeys fromFile = loader.load("", "", dataDir);

        String content = Files.readString(dataDir.resolve("master.key"));
        MasterKeys fromVariable = loader.load(content, "", dataDir.resolve("elsewhere"));

        assertThat(fromVariable.current().id()).isEqualTo(fromFile.current().id());
    }

    @Test
    void configuredKeyWinsAndNoKeyFileIsWritten() {
        String key = Base64.getEncoder().encodeToString(new byte[32]);

        MasterKeys keys = loader.load(key, "", dataDir);

        assertThat(keys.current()).isEqualTo(MasterKey.of(new byte[32]));
        assertThat(dataDir.resolve("master.key")).doesNotExist();
    }

    @Test
    void previousKeysAreAcceptedForOpening() {
        byte[] previous = new byte[32];
        previous[0] = 1;
        String current = Base64.getEncoder().encodeToString(new byte[32]);

        MasterKeys keys = loader.load(current, " " + Base64.getEncoder().encodeToString(previous) + " ,", dataDir);

        assertThat(keys.find(MasterKey.of(previous).id())).isPresent();
        assertThat(keys.current()).isEqualTo(MasterKey.of(new byte[32]));
    }

    @Test
    void malformedMasterKeyFailsWithoutEchoingTheValue() {
        String notBase64 = "hunter2-is-my-master-key!";

        assertThatThrownBy(() -> loader.load(notBase64, "", dataDir))
                .isInstanceOf(InvalidMasterKeyException.class)
                .hasMessageContaining("MUNINN_MASTER_KEY")
                .hasMessageNotContaining(notBase64)
                .hasMessageNotContaining("hunter2")
                .hasNoCause();
    }

    @Test
    void masterKeyOfTheWrongLengthFailsWithoutEchoingTheValue() {
        String tooShort = Base64.getEncoder().encodeToString("sixteen byte key".getBytes());

        assertThatThrownBy(() -> loader.load(tooShort, "", dataDir))
                .isInstanceOf(InvalidMasterKeyException.class)
                .hasMessageContaining("MUNINN_MASTER_KEY")
                .hasMessageContaining("16 bytes")
                .hasMessageNotContaining(tooShort);
    }

    @Test
    void malformedPreviousKeyNamesItsPosition() {
        String current = Base64.getEncoder().encodeToString(new byte[32]);

        assertThatThrownBy(() -> loader.load(current, current + ",bad*key", dataDir))
                .isInstanceOf(InvalidMasterKeyException.class)
                .hasMessageContaining("previous-master-keys entry 2")
                .hasMessageNotContaining("bad*key");
    }
}
