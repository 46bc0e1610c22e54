package io.workspaces.query.webhook;

import io.workspaces.query.feed.EventEnvelope;
import io.workspaces.query.projection.ProjectionBatches;
import io.workspaces.query.web.Page;
import io.workspaces.query.web.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.IntConsumer;

import static io.workspaces.query.webhook.DeliveryStatus.DEAD;
import static io.workspaces.query.webhook.DeliveryStatus.DELIVERED;
import static io.workspaces.query.webhook.DeliveryStatus.PENDING;

/**
 * {@code webhook_delivery} and {@code webhook_attempt} (see V3__downstream.sql and V4__webhook_attempts_coarse.sql):
 * the outbox and its log. The pending state is written into the SQL text, not bound, where a partial index on it
 * must be usable.
 */
@Repository
class WebhookDeliveries {

    private static final String COLUMNS = """
            id, subscription_id, event_id, event_type, position, workspace_id, status, attempts, created_at,
            next_attempt_at, last_attempt_at, last_status_code, last_error, delivered_at, dead_at""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    public WebhookDeliveries(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /**
     * Records a pending delivery of {@code envelope} for every subscription it matches that started before it;
     * an event already recorded for a subscription (a replay) is skipped. Queued in the processor's batch, which
     * tells {@code rowCount} how many were recorded.
     */
    void recordPending(ProjectionBatches.Batch batch, EventEnvelope envelope, IntConsumer rowCount) {
        batch.update("""
                        INSERT INTO webhook_delivery (id, subscription_id, event_id, position, workspace_id, event_type,
                            envelope, status, next_attempt_at, created_at)
                        SELECT gen_random_uuid(), s.id, ?, ?, ?, ?, ?, ?, now(), now()
                        FROM webhook_subscription s
                        WHERE s.starts_after < ?
                          AND (s.workspace_id IS NULL OR s.workspace_id = ?)
                          AND (cardinality(s.event_types) = 0 OR ? = ANY (s.event_types))
                        ON CONFLICT (subscription_id, event_id) DO NOTHING""", rowCount,
                envelope.id(), envelope.position(), envelope.workspaceId(), envelope.type(), envelope.toJson(),
                PENDING.value(), envelope.position(), envelope.workspaceId(), envelope.type());
    }

    /**
     * Leases up to {@code limit} due deliveries to the caller. Rows another dispatcher is claiming are skipped
     * (SKIP LOCKED), leased ones are not due until their lease runs out, and a delivery is due only when no
     * earlier delivery of the same subscription and workspace is still pending: per workspace, a receiver gets
     * events in order, one at a time, unless one was dead-lettered.
     */
    List<ClaimedDelivery> claim(int limit, Duration lease) {
        UUID leaseId = UUID.randomUUID();
        return jdbc.query("""
                        WITH due AS (
                            SELECT d.id FROM webhook_delivery d
                            WHERE d.status = '%1$s' AND d.next_attempt_at <= now()
                              AND (d.leased_until IS NULL OR d.leased_until < now())
                              AND NOT EXISTS (
                                  SELECT 1 FROM webhook_delivery e
                                  WHERE e.subscription_id = d.subscription_id AND e.workspace_id = d.workspace_id
                                    AND e.status = '%1$s' AND e.seq < d.seq)
                            ORDER BY d.next_attempt_at, d.seq
                            LIMIT ?
                            FOR UPDATE OF d SKIP LOCKED)
                        UPDATE webhook_delivery d
                        SET lease_id = ?, leased_until = now() + ? * interval '1 millisecond'
                        FROM due, webhook_subscription s
                        WHERE d.id = due.id AND s.id = d.subscription_id
                        RETURNING d.id, d.subscription_id, d.event_id, d.position, d.envelope, d.attempts,
                                  d.round_start, s.url, s.secret""".formatted(PENDING.value()),
                (rs, n) -> new ClaimedDelivery(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getLong(4), rs.getString(5), rs.getInt(6), rs.getInt(7), rs.getString(8),
                        rs.getString(9), leaseId),
                limit, leaseId, lease.toMillis());
    }

    /**
     * Records an attempt of a delivery this dispatcher still leases, and its new state: delivered; pending again
     * after {@code retryAfter}; or dead when there is no retry left. Only the failure's class is stored, and no
     * duration. False if the lease was lost (the subscription was deleted, or the lease ran out and another
     * dispatcher took over).
     */
    boolean record(ClaimedDelivery delivery, AttemptOutcome outcome, Optional<Duration> retryAfter) {
        DeliveryStatus status = outcome.succeeded() ? DELIVERED : retryAfter.isPresent() ? PENDING : DEAD;
        Timestamp attemptedAt = Timestamp.from(outcome.attemptedAt());
        String failure = outcome.failure() == null ? null : outcome.failure().value();
        return Boolean.TRUE.equals(transaction.execute(tx -> {
            int updated = jdbc.update("""
                            UPDATE webhook_delivery
                            SET status = ?, attempts = attempts + 1,
                                next_attempt_at = CASE WHEN ? THEN now() + ? * interval '1 millisecond' END,
                                lease_id = NULL, leased_until = NULL, last_attempt_at = ?, last_status_code = ?,
                                last_error = ?,
                                delivered_at = CASE WHEN ? THEN ?::timestamptz END,
                                dead_at = CASE WHEN ? THEN ?::timestamptz END
                            WHERE id = ? AND lease_id = ?""",
                    status.value(), status == PENDING, retryAfter.map(Duration::toMillis).orElse(0L), attemptedAt,
                    outcome.statusCode(), failure, status == DELIVERED, attemptedAt, status == DEAD, attemptedAt,
                    delivery.id(), delivery.leaseId());
            if (updated == 0) {
                return false;
            }
            jdbc.update("""
                            INSERT INTO webhook_attempt (delivery_id, attempt, attempted_at, status_code, error)
                            VALUES (?, ?, ?, ?, ?)""",
                    delivery.id(), delivery.attempts() + 1, attemptedAt, outcome.statusCode(), failure);
            return true;
        }));
    }

    /**
     * Makes a delivered or dead-lettered delivery pending again, due now, with a fresh round of attempts.
     * Empty if the subscription has no such delivery; false if it is pending already.
     */
    Optional<Boolean> redeliver(UUID subscriptionId, UUID deliveryId) {
        int updated = jdbc.update("""
                UPDATE webhook_delivery
                SET status = ?, next_attempt_at = now(), round_start = attempts, lease_id = NULL,
                    leased_until = NULL, dead_at = NULL
                WHERE id = ? AND subscription_id = ? AND status <> ?""",
                PENDING.value(), deliveryId, subscriptionId, PENDING.value());
        if (updated > 0) {
            return Optional.of(true);
        }
        return find(subscriptionId, deliveryId).map(existing -> false);
    }

    /** The delivery log of a subscription, by recording order, optionally of one status. */
    Page<WebhookDelivery> list(UUID subscriptionId, Optional<DeliveryStatus> status, PageRequest page) {
        String direction = page.descending() ? " DESC" : " ASC";
        List<Object> arguments = new ArrayList<>(List.of(subscriptionId));
        String where = " WHERE subscription_id = ?";
        if (status.isPresent()) {
            where += " AND status = ?";
            arguments.add(status.get().value());
        }
        Long total = jdbc.queryForObject("SELECT count(*) FROM webhook_delivery" + where, Long.class,
                arguments.toArray());
        arguments.add(page.pageSize());
        arguments.add(page.offset());
        List<WebhookDelivery> rows = jdbc.query("SELECT " + COLUMNS + " FROM webhook_delivery" + where
                + " ORDER BY seq" + direction + " LIMIT ? OFFSET ?", ROW, arguments.toArray());
        return page.page(rows, total == null ? 0 : total);
    }

    /** One delivery of a subscription, with every attempt and the event as sent. */
    Optional<WebhookDelivery> find(UUID subscriptionId, UUID deliveryId) {
        List<WithEnvelope> rows = jdbc.query("SELECT " + COLUMNS + ", envelope FROM webhook_delivery "
                        + "WHERE id = ? AND subscription_id = ?",
                (rs, n) -> new WithEnvelope(ROW.mapRow(rs, n), rs.getString("envelope")), deliveryId, subscriptionId);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<WebhookDelivery.Attempt> attempts = jdbc.query("""
                        SELECT attempt, attempted_at, status_code, error FROM webhook_attempt
                        WHERE delivery_id = ? ORDER BY attempt""",
                (rs, n) -> new WebhookDelivery.Attempt(rs.getInt("attempt"), instant(rs, "attempted_at"),
                        (Integer) rs.getObject("status_code"), AttemptFailure.fromStored(rs.getString("error"))),
                deliveryId);
        return Optional.of(rows.get(0).delivery().withDetail(attempts, rows.get(0).envelope()));
    }

    private record WithEnvelope(WebhookDelivery delivery, String envelope) {
    }

    /** The outbox's backlog: pending deliveries not attempted in their current round yet, and those retrying. */
    record Backlog(long pending, long retrying) {
    }

    /** Deliveries that are finished: delivered, and dead (given up on). */
    record Finished(long delivered, long dead) {
    }

    /** Counts the pending deliveries, through the partial index on them. */
    Backlog backlog() {
        return jdbc.queryForObject("""
                        SELECT count(*) FILTER (WHERE attempts = round_start),
                               count(*) FILTER (WHERE attempts > round_start)
                        FROM webhook_delivery WHERE status = '%s'""".formatted(PENDING.value()),
                (rs, n) -> new Backlog(rs.getLong(1), rs.getLong(2)));
    }

    /** Counts the finished deliveries: reads the whole table. */
    Finished finished() {
        return jdbc.queryForObject("""
                        SELECT count(*) FILTER (WHERE status = ?), count(*) FILTER (WHERE status = ?)
                        FROM webhook_delivery""",
                (rs, n) -> new Finished(rs.getLong(1), rs.getLong(2)), DELIVERED.value(), DEAD.value());
    }

    private static final RowMapper<WebhookDelivery> ROW = (rs, n) -> new WebhookDelivery(
            rs.getObject("id", UUID.class), rs.getObject("subscription_id", UUID.class), rs.getString("event_id"),
            rs.getString("event_type"), rs.getLong("position"), rs.getObject("workspace_id", UUID.class),
            DeliveryStatus.of(rs.getString("status")).orElseThrow(), rs.getInt("attempts"),
            instant(rs, "created_at"), instant(rs, "next_attempt_at"), instant(rs, "last_attempt_at"),
            (Integer) rs.getObject("last_status_code"), AttemptFailure.fromStored(rs.getString("last_error")),
            instant(rs, "delivered_at"), instant(rs, "dead_at"), null, null);

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
