package dev.muninn.core.chat;

import dev.muninn.core.provider.ProviderConnection;
import java.util.Objects;

/**
 * A resolved destination: which provider, which model, and what is known about both.
 * The server builds it from its configuration snapshot. {@code toString} is key-free because
 * {@link ProviderConnection#toString()} is.
 */
public record ChatTarget(ProviderConnection connection, boolean providerEnabled, String model, ModelProfile profile) {

    public ChatTarget {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(model, "model");
        profile = profile == null ? ModelProfile.permissive() : profile;
    }
}
