package io.workspaces.query.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.util.RawValue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of a subscription's delivery log: which event, its state, the attempts so far and the last one's
 * result, and when the next is due. The single-delivery view adds every attempt and the event as sent. Failures
 * are coarse classes ({@link AttemptFailure}), and no attempt shows how long it took: whoever reads the log may
 * have chosen the URL, and the log must not tell them more about the network than whether a receiver answered.
 * {@code delivered_at} and {@code dead_at} are the start of the attempt that delivered it, or of its last one.
 */
record WebhookDelivery(UUID id, UUID subscriptionId, String eventId, String eventType, long position,
                              UUID workspaceId, DeliveryStatus status, int attempts, Instant createdAt,
                              Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode,
                              AttemptFailure lastError, Instant deliveredAt, Instant deadAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) List<Attempt> attemptLog,
                              @JsonInclude(JsonInclude.Include.NON_NULL) RawValue event) {

    /** One attempt: when it started, the status code (null without an answer), the class of its failure. */
    public record Attempt(int attempt, Instant attemptedAt, Integer statusCode, AttemptFailure error) {
    }

    public WebhookDelivery withDetail(List<Attempt> attempts, String envelope) {
        return new WebhookDelivery(id, subscriptionId, eventId, eventType, position, workspaceId, status,
                this.attempts, createdAt, nextAttemptAt, lastAttemptAt, lastStatusCode, lastError, deliveredAt,
                deadAt, attempts, new RawValue(envelope));
    }
}
