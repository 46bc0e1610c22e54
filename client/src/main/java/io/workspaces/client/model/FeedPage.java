package io.workspaces.client.model;

import java.util.List;

/** A page of the event feed: envelopes in feed order, the {@code after} of the next page, and whether more were there. */
public record FeedPage(List<EventEnvelope> data, long nextAfter, boolean hasMore) {
}
