package io.workspaces.client.model;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The public form of an event (the feed, its SSE stream, webhooks): {@code type} and {@code revision} say which
 * schema {@code data} follows; {@code position} is the event's global position in the log.
 */
public record EventEnvelope(String id, String type, String revision, long position, UUID workspaceId,
                            OffsetDateTime occurredAt, String actor, JsonNode data) {
}
