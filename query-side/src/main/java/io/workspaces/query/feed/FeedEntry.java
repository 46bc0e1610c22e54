package io.workspaces.query.feed;

/** One row of the feed: its place in the feed, the event's position in the log, and its envelope as JSON. */
record FeedEntry(long sequence, long position, String envelope) {
}
