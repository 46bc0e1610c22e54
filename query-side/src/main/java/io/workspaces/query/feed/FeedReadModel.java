package io.workspaces.query.feed;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

import java.util.List;
import java.util.OptionalLong;

/** Reads of {@code feed_event} (see V3__downstream.sql) and of the event log's positions. */
@Repository
class FeedReadModel {

    private final JdbcTemplate jdbc;

    public FeedReadModel(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} entries after the feed sequence {@code cursor}, in feed order (primary key). */
    public List<FeedEntry> after(long cursor, int limit) {
        return jdbc.query("""
                        SELECT feed_sequence, position, envelope FROM feed_event
                        WHERE feed_sequence > ? ORDER BY feed_sequence LIMIT ?""",
                (rs, n) -> new FeedEntry(rs.getLong(1), rs.getLong(2), rs.getString(3)), cursor, limit);
    }

    /** The feed sequence of the event at {@code position}, if the feed has recorded it (unique index). */
    public OptionalLong sequenceOf(long position) {
        return jdbc.queryForList("SELECT feed_sequence FROM feed_event WHERE position = ?", Long.class, position)
                .stream().mapToLong(Long::longValue).findFirst();
    }

    /** The feed sequence of the recorded event with the highest position below {@code position}, else 0. */
    public long sequenceBefore(long position) {
        return jdbc.queryForList("""
                        SELECT feed_sequence FROM feed_event WHERE position < ?
                        ORDER BY position DESC LIMIT 1""", Long.class, position)
                .stream().mapToLong(Long::longValue).findFirst().orElse(0);
    }

    /** The last feed sequence: where a stream that wants only new events starts. */
    public long lastSequence() {
        Long last = jdbc.queryForObject("SELECT max(feed_sequence) FROM feed_event", Long.class);
        return last == null ? 0 : last;
    }

    /** True when an event of the log has this position (its primary key). */
    public boolean isEvent(long position) {
        return Boolean.TRUE.equals(jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM domain_event_entry WHERE global_index = ?)", Boolean.class, position));
    }

    /** The position of the newest event in the log, 0 when it is empty (its primary key). */
    public long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }
}
