package dev.muninn.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.muninn.server.support.TestApi.Response;
import tools.jackson.databind.JsonNode;

/** Assertions on RFC 9457 problem responses. */
public final class Problems {

    private Problems() {
    }

    /** The response is problem+json with {@code status}, naming {@code field} (null: no field) and {@code rule}. */
    public static void assertProblem(Response response, int status, String field, String rule) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode error = response.json().get("errors").get(0);
        if (field == null) {
            assertThat(error.get("field") == null || error.get("field").isNull()).as(response.toString()).isTrue();
        } else {
            assertThat(error.get("field").asString()).as(response.toString()).isEqualTo(field);
        }
        assertThat(error.get("rule").asString()).as(response.toString()).isEqualTo(rule);
    }
}
