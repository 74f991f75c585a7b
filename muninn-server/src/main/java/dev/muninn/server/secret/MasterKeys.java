package dev.muninn.server.secret;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The key that seals new values, and every key (current and previous) that may open one. */
record MasterKeys(MasterKey current, Map<String, MasterKey> byId) {

    MasterKeys {
        byId = Map.copyOf(byId);
    }

    static MasterKeys of(MasterKey current, List<MasterKey> previous) {
        Map<String, MasterKey> byId = new LinkedHashMap<>();
        for (MasterKey key : previous) {
            byId.put(key.id(), key);
        }
        byId.put(current.id(), current);
        return new MasterKeys(current, byId);
    }

    Optional<MasterKey> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }
}
