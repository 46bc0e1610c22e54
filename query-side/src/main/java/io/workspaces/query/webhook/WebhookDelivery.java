package io.workspaces.query.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.util.RawValue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of a subscription's delivery log: which event, its state ({@code pending}, {@code delivered},
 * {@code dead}), the attempts so far and the last one's result, and when the next is due. The single-delivery
 * view adds every attempt and the event as sent.
 */
public record WebhookDelivery(UUID id, UUID subscriptionId, String eventId, String eventType, long position,
                              UUID workspaceId, String status, int attempts, Instant createdAt,
                              Instant nextAttemptAt, Instant lastAttemptAt, Integer lastStatusCode, String lastError,
                              Instant deliveredAt, Instant deadAt,
                              @JsonInclude(JsonInclude.Include.NON_NULL) List<Attempt> attemptLog,
                              @JsonInclude(JsonInclude.Include.NON_NULL) RawValue event) {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String DEAD = "dead";
    public static final List<String> STATUSES = List.of(PENDING, DELIVERED, DEAD);

    /** One attempt: when, how long it took, the status code (null without a response), why it failed. */
    public record Attempt(int attempt, Instant attemptedAt, long durationMs, Integer statusCode, String error) {
    }

    public WebhookDelivery withDetail(List<Attempt> attempts, String envelope) {
        return new WebhookDelivery(id, subscriptionId, eventId, eventType, position, workspaceId, status,
                this.attempts, createdAt, nextAttemptAt, lastAttemptAt, lastStatusCode, lastError, deliveredAt,
                deadAt, attempts, new RawValue(envelope));
    }
}
