package io.workspaces.client.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/** One event of a workspace's history: its place in the log, type and revision, when, who, and its payload. */
public record HistoryEvent(long position, long sequenceNumber, String eventId, String type, String revision,
                           Instant occurredAt, String actor, String requestId, String correlationId,
                           String causationId, String clientAddress, JsonNode data) {
}
