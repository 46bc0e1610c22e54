package io.workspaces.query.webhook;

import io.workspaces.query.web.Page;
import io.workspaces.query.web.PageRequest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@code webhook_subscription} (see V3__downstream.sql). */
@Repository
class WebhookSubscriptions {

    private static final String COLUMNS = """
            id, url, event_types, workspace_id, description, starts_after, created_at, created_by, updated_at,
            updated_by""";

    private final JdbcTemplate jdbc;

    public WebhookSubscriptions(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new subscription that starts after the current head of the event log. */
    public WebhookSubscription create(SubscriptionRequest request, String secret, String actor) {
        UUID id = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        jdbc.update(connection -> {
            var insert = connection.prepareStatement("""
                    INSERT INTO webhook_subscription (id, url, secret, event_types, workspace_id, description,
                        starts_after, created_at, created_by, updated_at, updated_by)
                    VALUES (?, ?, ?, ?, ?, ?, (SELECT coalesce(max(global_index), 0) FROM domain_event_entry),
                        ?, ?, ?, ?)""");
            insert.setObject(1, id);
            insert.setString(2, request.url());
            insert.setString(3, secret);
            insert.setArray(4, connection.createArrayOf("text", eventTypes(request)));
            insert.setObject(5, request.workspaceId());
            insert.setString(6, description(request));
            insert.setTimestamp(7, now);
            insert.setString(8, actor);
            insert.setTimestamp(9, now);
            insert.setString(10, actor);
            return insert;
        });
        return find(id).orElseThrow();
    }

    /** Replaces what a client may change; a null secret keeps the current one. Empty if there is no such one. */
    public Optional<WebhookSubscription> replace(UUID id, SubscriptionRequest request, String actor) {
        int updated = jdbc.update(connection -> {
            var update = connection.prepareStatement("""
                    UPDATE webhook_subscription SET url = ?, secret = coalesce(?, secret), event_types = ?,
                        workspace_id = ?, description = ?, updated_at = ?, updated_by = ?
                    WHERE id = ?""");
            update.setString(1, request.url());
            update.setString(2, request.secret());
            update.setArray(3, connection.createArrayOf("text", eventTypes(request)));
            update.setObject(4, request.workspaceId());
            update.setString(5, description(request));
            update.setTimestamp(6, Timestamp.from(Instant.now()));
            update.setString(7, actor);
            update.setObject(8, id);
            return update;
        });
        return updated == 0 ? Optional.empty() : find(id);
    }

    public Optional<WebhookSubscription> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM webhook_subscription WHERE id = ?", ROW, id).stream()
                .findFirst();
    }

    /** Deletes the subscription with its deliveries and their attempts; false if there was none. */
    public boolean delete(UUID id) {
        return jdbc.update("DELETE FROM webhook_subscription WHERE id = ?", id) > 0;
    }

    /** Every subscription, by creation time (index {@code webhook_subscription_created}). */
    public Page<WebhookSubscription> list(PageRequest page) {
        String direction = page.descending() ? " DESC" : " ASC";
        List<WebhookSubscription> rows = jdbc.query("SELECT " + COLUMNS + " FROM webhook_subscription ORDER BY "
                + "created_at" + direction + ", id" + direction + " LIMIT ? OFFSET ?", ROW, page.pageSize(),
                page.offset());
        Long total = jdbc.queryForObject("SELECT count(*) FROM webhook_subscription", Long.class);
        return page.page(rows, total == null ? 0 : total);
    }

    private static String[] eventTypes(SubscriptionRequest request) {
        return request.eventTypes() == null ? new String[0] : request.eventTypes().toArray(String[]::new);
    }

    private static String description(SubscriptionRequest request) {
        return request.description() == null ? "" : request.description();
    }

    private static final RowMapper<WebhookSubscription> ROW = (rs, n) -> new WebhookSubscription(
            rs.getObject("id", UUID.class), rs.getString("url"), textArray(rs, "event_types"),
            rs.getObject("workspace_id", UUID.class), rs.getString("description"), rs.getLong("starts_after"),
            rs.getObject("created_at", OffsetDateTime.class).toInstant(), rs.getString("created_by"),
            rs.getObject("updated_at", OffsetDateTime.class).toInstant(), rs.getString("updated_by"), null);

    private static List<String> textArray(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
