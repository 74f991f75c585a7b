package dev.muninn.server.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import dev.muninn.server.error.ApiException;

/**
 * Caller keys for the gateway. Checked against an in-memory index (hash to key), never a
 * database round trip per request; {@code last_used_at} is written in the background, at most
 * once a minute per key.
 */
@Service
public class ApiKeys {

    private static final Logger log = LoggerFactory.getLogger(ApiKeys.class);
    private static final long TOUCH_INTERVAL_NANOS = 60_000_000_000L;
    // A key unknown here may have been created on another replica; re-reading is rate limited so
    // that a flood of wrong keys cannot turn into a flood of queries.
    private static final long RELOAD_INTERVAL_NANOS = 5_000_000_000L;

    private record Entry(ApiKey key, AtomicLong lastTouched) {
    }

    private final ApiKeyRepository repository;
    private final SecureRandom random = new SecureRandom();
    private final ExecutorService touches = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "muninn-api-key-touch");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Map<String, Entry> byHash = Map.of();
    private final AtomicLong lastReload = new AtomicLong(System.nanoTime());

    ApiKeys(ApiKeyRepository repository) {
        this.repository = repository;
        reload();
    }

    /** The key {@code token} stands for; empty when it is no caller key. */
    public Optional<ApiKey> check(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        String hash = hash(token.strip());
        Entry entry = byHash.get(hash);
        if (entry == null) {
            long last = lastReload.get();
            if (System.nanoTime() - last > RELOAD_INTERVAL_NANOS && lastReload.compareAndSet(last, System.nanoTime())) {
                reload();
                entry = byHash.get(hash);
            }
            if (entry == null) {
                return Optional.empty();
            }
        }
        touch(entry);
        return Optional.of(entry.key());
    }

    List<ApiKey> list() {
        return repository.findAll().stream().map(ApiKeyRepository.Row::key)
                .sorted(Comparator.comparing(ApiKey::createdAt).thenComparing(ApiKey::id)).toList();
    }

    CreatedApiKey create(String name, String userId) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String key = "mk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiKey created = new ApiKey(UUID.randomUUID(), name, userId, OffsetDateTime.now().truncatedTo(ChronoUnit.MICROS), null);
        repository.insert(created, hash(key));
        reload();
        return new CreatedApiKey(created.id(), created.name(), created.userId(), created.createdAt(), key);
    }

    void delete(UUID id) {
        if (!repository.delete(id)) {
            throw ApiException.notFound("API key", id);
        }
        reload();
    }

    private synchronized void reload() {
        Map<String, Entry> fresh = new ConcurrentHashMap<>();
        for (ApiKeyRepository.Row row : repository.findAll()) {
            Entry old = byHash.get(row.hash());
            fresh.put(row.hash(), new Entry(row.key(), old != null ? old.lastTouched() : new AtomicLong(System.nanoTime() - TOUCH_INTERVAL_NANOS)));
        }
        byHash = fresh;
    }

    private void touch(Entry entry) {
        long now = System.nanoTime();
        long last = entry.lastTouched().get();
        if (now - last >= TOUCH_INTERVAL_NANOS && entry.lastTouched().compareAndSet(last, now)) {
            UUID id = entry.key().id();
            touches.execute(() -> {
                try {
                    repository.touch(id, OffsetDateTime.now());
                } catch (RuntimeException e) {
                    log.warn("Could not record the use of API key {}: {}", id, e.getClass().getSimpleName());
                }
            });
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
