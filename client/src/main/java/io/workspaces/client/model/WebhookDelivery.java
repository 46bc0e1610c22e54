package io.workspaces.client.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One entry of a subscription's delivery log. The single-delivery view adds {@code attemptLog} and the
 * {@code event} as sent (both null in lists).
 */
public record WebhookDelivery(UUID id, UUID subscriptionId, String eventId, String eventType, long position,
                              UUID workspaceId, String status, int attempts, Instant createdAt, Instant nextAttemptAt,
                              Instant lastAttemptAt, Integer lastStatusCode, String lastError, Instant deliveredAt,
                              Instant deadAt, List<Attempt> attemptLog, JsonNode event) {

    public record Attempt(int attempt, Instant attemptedAt, Integer statusCode, String error) {
    }
}
