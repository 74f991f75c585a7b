package dev.muninn.server.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretStoreTests {

    private static final String API_KEY = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";
    private static final UUID OWNER = UUID.fromString("2b4f1c3e-0d6a-4f7e-9b21-5a8c7d9e0f12");
    private static final UUID OTHER_OWNER = UUID.fromString("7c0e2d4a-1b3f-4a5c-8d6e-9f0a1b2c3d4e");

    private final SecureRandom random = new SecureRandom();

    @Test
    void sealedKeyOpensForItsOwner() {
        SecretStore store = store(randomKey(), List.of(), Map.of());

        String reference = store.seal(OWNER, API_KEY);

        assertThat(reference).startsWith("enc:v1:");
        assertThat(store.open(OWNER, reference)).isEqualTo(API_KEY);
        assertThat(store.lastFour(OWNER, reference)).isEqualTo("6789");
    }

    @Test
    void sealingTheSameKeyTwiceGivesDifferentReferences() {
        SecretStore store = store(randomKey(), List.of(), Map.of());

        String first = store.seal(OWNER, API_KEY);
        String second = store.seal(OWNER, API_KEY);

        assertThat(first).isNotEqualTo(second);
        assertThat(store.open(OWNER, first)).isEqualTo(store.open(OWNER, second)).isEqualTo(API_KEY);
    }

    @Test
    void referenceContainsNeitherThePlaintextNorItsBase64() {
        SecretStore store = store(randomKey(), List.of(), Map.of());
        byte[] bytes = API_KEY.getBytes(StandardCharsets.UTF_8);

        String reference = store.seal(OWNER, API_KEY);

        assertThat(reference)
                .doesNotContain(API_KEY)
                .doesNotContain("abcdefghijklmnop")
                .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(bytes))
                .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    @Test
    void referenceCopiedToAnotherOwnerDoesNotOpen() {
        SecretStore store = store(randomKey(), List.of(), Map.of());
        String reference = store.seal(OWNER, API_KEY);

        assertThatThrownBy(() -> store.open(OTHER_OWNER, reference))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining("another owner")
                .hasMessageNotContaining(API_KEY)
                .hasMessageNotContaining(reference);
    }

    @Test
    void alteredReferenceDoesNotOpen() {
        SecretStore store = store(randomKey(), List.of(), Map.of());
        String reference = store.seal(OWNER, API_KEY);
        char last = reference.charAt(reference.length() - 2);
        String altered = reference.substring(0, reference.length() - 2) + (last == 'A' ? 'B' : 'A')
                + reference.charAt(reference.length() - 1);

        assertThatThrownBy(() -> store.open(OWNER, altered)).isInstanceOf(SecretUnavailableException.class);
    }

    @Test
    void previousMasterKeyStillOpensAfterRotationWhileNewSealsUseTheNewKey() {
        byte[] oldKey = randomKey();
        byte[] newKey = randomKey();
        String oldReference = store(oldKey, List.of(), Map.of()).seal(OWNER, API_KEY);

        SecretStore rotated = store(newKey, List.of(oldKey), Map.of());
        String newReference = rotated.seal(OWNER, API_KEY);

        assertThat(rotated.open(OWNER, oldReference)).isEqualTo(API_KEY);
        assertThat(keyId(newReference)).isEqualTo(MasterKey.of(newKey).id()).isNotEqualTo(keyId(oldReference));
        assertThat(rotated.needsResealing(oldReference)).isTrue();
        assertThat(rotated.needsResealing(newReference)).isFalse();
    }

    @Test
    void referenceUnderAForgottenMasterKeyNamesTheMissingKeyId() {
        byte[] oldKey = randomKey();
        String oldReference = store(oldKey, List.of(), Map.of()).seal(OWNER, API_KEY);
        SecretStore withoutOldKey = store(randomKey(), List.of(), Map.of());

        assertThatThrownBy(() -> withoutOldKey.open(OWNER, oldReference))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageContaining(MasterKey.of(oldKey).id())
                .hasMessageContaining("muninn.secrets.previous-master-keys");
    }

    @Test
    void envReferenceIsReadFromTheEnvironmentAtUse() {
        SecretStore store = store(randomKey(), List.of(), Map.of("OPENAI_API_KEY", API_KEY));

        assertThat(store.isEnvReference("env:OPENAI_API_KEY")).isTrue();
        assertThat(store.open(OWNER, "env:OPENAI_API_KEY")).isEqualTo(API_KEY);
        assertThat(store.lastFour(OWNER, "env:OPENAI_API_KEY")).isEqualTo("6789");
    }

    @Test
    void envReferenceToAnUnsetVariableSaysWhichVariable() {
        SecretStore store = store(randomKey(), List.of(), Map.of());

        assertThatThrownBy(() -> store.open(OWNER, "env:ANTHROPIC_API_KEY"))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessage("environment variable ANTHROPIC_API_KEY is not set");
    }

    @Test
    void onlyWellFormedEnvReferencesCountAsEnvReferences() {
        SecretStore store = store(randomKey(), List.of(), Map.of());

        assertThat(store.isEnvReference("env:MY_KEY_2")).isTrue();
        assertThat(store.isEnvReference("env:")).isFalse();
        assertThat(store.isEnvReference("env:MY-KEY")).isFalse();
        assertThat(store.isEnvReference(store.seal(OWNER, API_KEY))).isFalse();
        assertThat(store.isEnvReference(null)).isFalse();
    }

    @Test
    void plaintextStoredByMistakeIsRejectedWithoutBeingEchoed() {
        SecretStore store = store(randomKey(), List.of(), Map.of());

        assertThatThrownBy(() -> store.open(OWNER, API_KEY))
                .isInstanceOf(SecretUnavailableException.class)
                .hasMessageNotContaining(API_KEY)
                .hasMessageNotContaining("sk-proj");
    }

    @Test
    void noReferenceMeansNoKey() {
        SecretStore store = store(randomKey(), List.of(), Map.of());

        assertThat(store.open(OWNER, null)).isNull();
        assertThat(store.open(OWNER, " ")).isNull();
        assertThat(store.lastFour(OWNER, null)).isNull();
    }

    @Test
    void shortKeysShowNoCharacters() {
        SecretStore store = store(randomKey(), List.of(), Map.of());

        assertThat(store.lastFour(OWNER, store.seal(OWNER, "abc1234"))).isEmpty();
        assertThat(store.lastFour(OWNER, store.seal(OWNER, "abcd1234"))).isEqualTo("1234");
    }

    @Test
    void storeWithRandomMasterKeyRoundTrips() {
        SecretStore store = SecretStore.withRandomMasterKey(name -> null);

        assertThat(store.open(OWNER, store.seal(OWNER, API_KEY))).isEqualTo(API_KEY);
    }

    private SecretStore store(byte[] current, List<byte[]> previous, Map<String, String> environment) {
        MasterKeys keys = MasterKeys.of(MasterKey.of(current), previous.stream().map(MasterKey::of).toList());
        return new SecretStore(new EnvelopeCipher(keys, random), environment::get);
    }

    private byte[] randomKey() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return key;
    }

    private static String keyId(String reference) {
        return reference.split(":")[2];
    }
}
