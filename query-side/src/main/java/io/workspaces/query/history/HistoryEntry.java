package io.workspaces.query.history;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One event of a workspace's history: its place in the log ({@code position}, global; {@code sequence_number}
 * within the workspace), type and revision, when it happened, who did it on which request, and its payload.
 */
record HistoryEntry(long position, long sequenceNumber, String eventId, String type, String revision,
                           Instant occurredAt, String actor, String requestId, String correlationId,
                           String causationId, String clientAddress, JsonNode data) {
}
