package dev.muninn.server.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips the PostgreSQL run when no server listens on localhost:5432 — except under CI,
 * where a missing PostgreSQL must fail the build rather than pass it quietly.
 */
class PostgresAvailability implements ExecutionCondition {

    private static volatile Boolean reachable;

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (!TestDatabase.postgresSelected()) {
            return ConditionEvaluationResult.enabled("running on H2");
        }
        if (reachable == null) {
            reachable = TestDatabase.postgresReachable();
        }
        if (reachable) {
            return ConditionEvaluationResult.enabled("PostgreSQL is reachable");
        }
        if (System.getenv("CI") != null) {
            throw new IllegalStateException("CI is set but PostgreSQL is not reachable on localhost:5432");
        }
        return ConditionEvaluationResult.disabled("PostgreSQL is not reachable on localhost:5432 (set CI to fail instead)");
    }
}
