package dev.muninn.server.routing;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

import dev.muninn.server.catalog.ModelRepository;
import dev.muninn.server.error.ApiException;
import dev.muninn.server.preset.PresetRepository;
import dev.muninn.server.provider.ProviderRepository;

/**
 * Holds the current {@link ConfigSnapshot} and rebuilds it after each committed change. When the
 * database cannot be read, the last good snapshot stays in use; with none at all, resolution
 * falls back to the environment.
 */
@Component
public class ConfigSnapshots {

    private static final Logger log = LoggerFactory.getLogger(ConfigSnapshots.class);

    private final SnapshotSource source;
    private final EnvironmentFallback fallback;
    private final AtomicReference<ConfigSnapshot> current = new AtomicReference<>();

    ConfigSnapshots(SnapshotSource source, EnvironmentFallback fallback) {
        this.source = source;
        this.fallback = fallback;
    }

    /** Reads a whole snapshot; the database in production, anything in a test. */
    @FunctionalInterface
    interface SnapshotSource {
        ConfigSnapshot load(Function<InteractionType, Resolution> environmentFallback);

        /** The configuration version in the database; unknown means "reload". */
        default long version() {
            return Long.MAX_VALUE;
        }
    }

    @Component
    static class DatabaseSnapshotSource implements SnapshotSource {

        private final ProviderRepository providers;
        private final ModelRepository models;
        private final PresetRepository presets;
        private final RoutingRepository routing;

        DatabaseSnapshotSource(ProviderRepository providers, ModelRepository models, PresetRepository presets,
                RoutingRepository routing) {
            this.providers = providers;
            this.models = models;
            this.presets = presets;
            this.routing = routing;
        }

        @Override
        public long version() {
            return routing.configVersion();
        }

        @Override
        public ConfigSnapshot load(Function<InteractionType, Resolution> environmentFallback) {
            long version = routing.configVersion();
            return new ConfigSnapshot(version, providers.findAll(), models.findAll(), presets.findAll(), routing.types(),
                    routing.globalRoutes(), routing.userRoutes(), environmentFallback);
        }
    }

    /** The current snapshot, loading it first if there is none yet; null when the database cannot be read. */
    public ConfigSnapshot current() {
        ConfigSnapshot snapshot = current.get();
        return snapshot != null ? snapshot : reload();
    }

    /** Reads the whole configuration again; keeps the previous snapshot if the database fails. */
    public synchronized ConfigSnapshot reload() {
        try {
            ConfigSnapshot snapshot = source.load(fallback::resolve);
            current.set(snapshot);
            return snapshot;
        } catch (RuntimeException e) {
            log.error("Could not read the configuration from the database ({}); {}", e.getClass().getSimpleName(),
                    current.get() == null ? "resolving from the environment" : "keeping the last good snapshot");
            return current.get();
        }
    }

    /**
     * The effective configuration of {@code interactionType} for {@code userId} (null for none).
     *
     * @throws ApiException 404 when the interaction type does not exist
     */
    public Resolution resolve(String userId, String interactionType) {
        ConfigSnapshot snapshot = current();
        if (snapshot == null) {
            InteractionType type = builtInTypes().stream().filter(t -> t.name().equals(interactionType)).findFirst()
                    .orElseThrow(() -> unknownType(interactionType));
            String note = "the database cannot be read";
            Resolution fromEnvironment = fallback.resolve(type);
            return fromEnvironment != null ? fromEnvironment.withNote(note) : Resolution.none(type, List.of(note));
        }
        return snapshot.resolve(userId, interactionType)
                .or(() -> readThrough() ? current().resolve(userId, interactionType) : java.util.Optional.empty())
                .orElseThrow(() -> unknownType(interactionType));
    }

    /**
     * After a look-up miss: reloads if the database has a newer configuration than the snapshot
     * (a change on another replica not announced yet). Returns whether it reloaded.
     */
    public boolean readThrough() {
        try {
            return reloadIfStale(source.version());
        } catch (RuntimeException e) {
            return false;
        }
    }

    static ApiException unknownType(String name) {
        return ApiException.notFound("interaction_type", "Interaction type", name);
    }

    /** Reloads when the database's configuration version differs from the snapshot's (a change made elsewhere). */
    public boolean reloadIfStale(long databaseVersion) {
        ConfigSnapshot snapshot = current.get();
        if (snapshot != null && snapshot.version() >= databaseVersion) {
            return false;
        }
        reload();
        return true;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onChange(ConfigChanges.ConfigurationChanged change) {
        reload();
    }

    /** The built-in types, for resolving from the environment when the database cannot be read. */
    static List<InteractionType> builtInTypes() {
        java.time.OffsetDateTime now = java.time.OffsetDateTime.now();
        return List.of(new InteractionType("reasoning", InteractionType.Kind.CHAT, true, null, now),
                new InteractionType("tools", InteractionType.Kind.CHAT, true, null, now),
                new InteractionType("subagents", InteractionType.Kind.CHAT, true, null, now),
                new InteractionType("planning", InteractionType.Kind.CHAT, true, null, now),
                new InteractionType("embeddings", InteractionType.Kind.EMBEDDINGS, true, null, now));
    }
}
