package io.workspaces.query.webhook;

import io.workspaces.query.support.ScratchMigrationDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Attempts stored before the log kept coarse classes become classes, and lose their durations, on migration. */
class WebhookAttemptsMigrationTest {

    @Test
    void storedFailuresBecomeClassesAndDurationsAreDropped() {
        try (ScratchMigrationDatabase database = new ScratchMigrationDatabase()) {
            database.migrateTo("3");
            JdbcTemplate jdbc = database.jdbc();
            UUID subscription = UUID.randomUUID();
            UUID delivery = UUID.randomUUID();
            jdbc.update("""
                    INSERT INTO webhook_subscription (id, url, secret, event_types, workspace_id, description,
                        starts_after, created_at, created_by, updated_at, updated_by)
                    VALUES (?, 'http://127.0.0.1:5432/', 'whsec_x', '{}', NULL, '', 0, now(), 'root', now(), 'root')""",
                    subscription);
            jdbc.update("""
                    INSERT INTO webhook_delivery (id, subscription_id, event_id, position, workspace_id, event_type,
                        envelope, status, attempts, created_at, last_error, dead_at)
                    VALUES (?, ?, 'e', 1, gen_random_uuid(), 'workspace.created', '{}', 'dead', 8, now(),
                        'request failed (IOException)', now())""", delivery, subscription);
            List<String> stored = List.of("answered HTTP 503", "answered HTTP 302", "answered HTTP 404",
                    "answered HTTP 999", "no answer within 10000 ms", "could not connect in time",
                    "connection refused", "request failed (SSLHandshakeException)", "interrupted",
                    "the URL cannot be requested");
            for (int i = 0; i < stored.size(); i++) {
                jdbc.update("""
                        INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, duration_ms, status_code, error)
                        VALUES (?, ?, now(), ?, NULL, ?)""", delivery, i + 1, 3 + i, stored.get(i));
            }

            database.migrateTo("latest");

            List<Map<String, Object>> attempts = jdbc.queryForList(
                    "SELECT duration_ms, error FROM webhook_attempt WHERE delivery_id = ? ORDER BY attempt", delivery);
            assertThat(attempts).extracting(row -> row.get("error")).containsExactly("http-5xx", "http-3xx",
                    "http-4xx", "http-other", "timeout", "unreachable", "unreachable", "unreachable", "interrupted",
                    "refused-by-policy");
            assertThat(attempts).extracting(row -> row.get("duration_ms")).containsOnlyNulls();
            assertThat(jdbc.queryForObject("SELECT last_error FROM webhook_delivery WHERE id = ?", String.class,
                    delivery)).isEqualTo("unreachable");
            jdbc.update("INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, error) "
                    + "VALUES (?, 11, now(), 'timeout')", delivery);
        }
    }
}
