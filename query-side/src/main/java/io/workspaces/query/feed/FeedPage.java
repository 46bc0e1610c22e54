package io.workspaces.query.feed;

import com.fasterxml.jackson.databind.util.RawValue;

import java.util.List;

/**
 * One page of the feed: envelopes in feed order (as stored, not re-encoded), the {@code after} to ask for the
 * next page with (the position of the last envelope, or the given one when the page is empty), and whether more
 * events were already there.
 */
record FeedPage(List<RawValue> data, long nextAfter, boolean hasMore) {
}
