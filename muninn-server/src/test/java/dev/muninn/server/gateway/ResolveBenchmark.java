package dev.muninn.server.gateway;

import java.lang.reflect.Constructor;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.muninn.server.catalog.Capabilities;
import dev.muninn.server.catalog.Model;
import dev.muninn.server.catalog.ModelSource;
import dev.muninn.server.preset.Preset;
import dev.muninn.server.provider.Provider;
import dev.muninn.server.provider.ProviderType;
import dev.muninn.server.routing.ConfigSnapshot;
import dev.muninn.server.routing.InteractionType;
import dev.muninn.server.routing.Resolution;
import dev.muninn.server.routing.Route;

/**
 * JMH: resolving the effective configuration from a snapshot of realistic size (20 providers,
 * 200 models, 25 interaction types, 2,000 users with overrides). Run by bench/run.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ResolveBenchmark {

    private ConfigSnapshot snapshot;
    private String[] users;
    private String[] types;
    private int next;

    @Setup
    public void build() throws Exception {
        OffsetDateTime now = OffsetDateTime.now();
        List<Provider> providers = new ArrayList<>();
        List<Model> models = new ArrayList<>();
        List<Preset> presets = new ArrayList<>();
        for (int p = 0; p < 20; p++) {
            Provider provider = new Provider(UUID.randomUUID(), "provider-" + p, ProviderType.CUSTOM, "http://127.0.0.1:" + (9000 + p),
                    "/v1", Map.of(), null, true, null, null, Map.of("top_p", 0.9), 0, now, now, 1);
            providers.add(provider);
            for (int m = 0; m < 10; m++) {
                Model model = new Model(UUID.randomUUID(), provider.id(), "model-" + m, "Model " + m, "p" + p + "-m" + m, true,
                        ModelSource.MANUAL, Capabilities.CHAT_DEFAULTS, 128000, null, null, null, null, null, null, null,
                        Set.of(), now, now, 1);
                models.add(model);
                presets.add(new Preset(UUID.randomUUID(), model.id(), Preset.DEFAULT_KEY, Map.of("temperature", 0.2), null, now, now, 1));
            }
        }
        List<InteractionType> typeList = new ArrayList<>();
        List<Route> global = new ArrayList<>();
        for (int t = 0; t < 25; t++) {
            InteractionType type = new InteractionType("type-" + t, InteractionType.Kind.CHAT, t < 5, null, now);
            typeList.add(type);
            Model model = models.get(t * 7 % models.size());
            global.add(new Route(type.name(), null, model.providerId(), model.id(), null, 0.5, 1000, List.of(), now, "bench", 1));
        }
        List<Route> userRoutes = new ArrayList<>();
        users = new String[4096];
        for (int u = 0; u < users.length; u++) {
            users[u] = "user-" + u;
            if (u < 2000) {
                Model model = models.get(u % models.size());
                userRoutes.add(new Route("type-" + (u % 25), users[u], model.providerId(), model.id(), null, null, null,
                        List.of(), now, "bench", 1));
            }
        }
        types = typeList.stream().map(InteractionType::name).toArray(String[]::new);
        // The constructor is the routing package's own; the benchmark builds the same object the server does.
        Constructor<ConfigSnapshot> constructor = ConfigSnapshot.class.getDeclaredConstructor(long.class,
                java.util.Collection.class, java.util.Collection.class, java.util.Collection.class, List.class, List.class,
                List.class, Function.class);
        constructor.setAccessible(true);
        Function<InteractionType, Resolution> noEnvironment = type -> null;
        snapshot = constructor.newInstance(1L, providers, models, presets, typeList, global, userRoutes, noEnvironment);
    }

    /** A mix of users with and without overrides, over every type. */
    @Benchmark
    public Resolution resolveForUser() {
        int i = next++ & 4095;
        return snapshot.resolve(users[i], types[i % types.length]).orElseThrow();
    }

    /** No user: the global route. */
    @Benchmark
    public Resolution resolveGlobal() {
        int i = next++ & 4095;
        return snapshot.resolve(null, types[i % types.length]).orElseThrow();
    }
}
