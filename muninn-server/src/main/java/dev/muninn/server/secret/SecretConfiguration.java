package dev.muninn.server.secret;

import java.nio.file.Path;
import java.security.SecureRandom;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class SecretConfiguration {

    // @Value rather than @ConfigurationProperties so the documented variable names
    // (MUNINN_MASTER_KEY) work as defaults without entries in application.yml.
    @Bean
    SecretStore secretStore(
            @Value("${muninn.secrets.master-key:${MUNINN_MASTER_KEY:}}") String masterKey,
            @Value("${muninn.secrets.previous-master-keys:${MUNINN_PREVIOUS_MASTER_KEYS:}}") String previousMasterKeys,
            @Value("${muninn.data-dir:./data}") Path dataDir, Environment environment) {
        SecureRandom random = new SecureRandom();
        MasterKeys keys = new MasterKeyLoader(random).load(masterKey, previousMasterKeys, dataDir);
        // env: references read Spring's environment, like the fallback does: variables, -D and -- arguments alike
        return new SecretStore(new EnvelopeCipher(keys, random), environment::getProperty);
    }
}
