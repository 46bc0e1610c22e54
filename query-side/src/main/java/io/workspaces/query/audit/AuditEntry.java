package io.workspaces.query.audit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.UUID;

/** One event of the global audit stream: where it sits in the log, what it was, who did it, from where. */
record AuditEntry(long position, UUID workspaceId, long sequenceNumber, String eventId, String type,
                         String revision, Instant occurredAt, String actor, String requestId, String correlationId,
                         String causationId, String clientAddress, JsonNode data) {
}
