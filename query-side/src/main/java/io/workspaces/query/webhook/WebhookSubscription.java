package io.workspaces.query.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription as the API shows it. The {@code secret} is shown once, in the answer to the request
 * that set it; otherwise it is left out. {@code starts_after}: the subscription receives the events whose
 * position is higher (the head of the log when it was created).
 */
record WebhookSubscription(UUID id, String url, List<String> eventTypes, UUID workspaceId,
                                  String description, long startsAfter, Instant createdAt, String createdBy,
                                  Instant updatedAt, String updatedBy,
                                  @JsonInclude(JsonInclude.Include.NON_NULL) String secret) {

    public WebhookSubscription withSecret(String shownOnce) {
        return new WebhookSubscription(id, url, eventTypes, workspaceId, description, startsAfter, createdAt,
                createdBy, updatedAt, updatedBy, shownOnce);
    }
}
