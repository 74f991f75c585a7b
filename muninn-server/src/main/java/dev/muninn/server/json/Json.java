package dev.muninn.server.json;

import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

/** Reading and writing the JSON documents kept in text columns. */
public final class Json {

    /** snake_case, like every JSON document the API reads and writes. */
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private Json() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static Map<String, Object> toMap(JsonNode node) {
        return MAPPER.convertValue(node, MAP);
    }

    public static Map<String, Object> readMap(String json) {
        return json == null || json.isBlank() ? Map.of() : MAPPER.readValue(json, MAP);
    }

    public static Map<String, String> readStringMap(String json) {
        return json == null || json.isBlank() ? Map.of() : MAPPER.readValue(json, STRING_MAP);
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
