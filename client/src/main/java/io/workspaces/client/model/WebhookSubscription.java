package io.workspaces.client.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription. {@code secret} is present only in the answer to the request that set it;
 * {@code startsAfter}: it receives the events whose position is higher.
 */
public record WebhookSubscription(UUID id, String url, List<String> eventTypes, UUID workspaceId, String description,
                                  long startsAfter, Instant createdAt, String createdBy, Instant updatedAt,
                                  String updatedBy, String secret) {
}
