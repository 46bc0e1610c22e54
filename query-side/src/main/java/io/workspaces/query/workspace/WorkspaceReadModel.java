package io.workspaces.query.workspace;

import io.workspaces.common.security.Caller;
import io.workspaces.events.Role;
import io.workspaces.events.WorkspaceName;
import io.workspaces.query.body.WorkspaceBody;
import io.workspaces.query.web.Page;
import io.workspaces.query.web.PageRequest;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads of {@code workspace_view} (with entity counts from {@code workspace_entity}); see V1__read_models.sql. */
@Repository
public class WorkspaceReadModel {

    private static final String COLUMNS = """
            id, name, description, created_at, created_by, updated_at, updated_by, version, member_count""";
    /** Sort keys of the API and the columns they order by; each is served by an index of the live rows. */
    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "name", "name", "created_at", "created_at", "updated_at", "updated_at");

    private final NamedParameterJdbcTemplate jdbc;

    public WorkspaceReadModel(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The live workspace {@code ref} names: by id if it is a UUID, else by name. */
    public Optional<WorkspaceBody> findLive(String ref) {
        Optional<UUID> id = asId(ref);
        List<Row> rows;
        if (id.isPresent()) {
            rows = jdbc.query("SELECT " + COLUMNS + " FROM workspace_view WHERE id = :id AND deleted_at IS NULL",
                    Map.of("id", id.get()), ROW);
        } else if (WorkspaceName.problemWith(ref) == null) {
            // the newest: a name just freed and taken again may briefly show on two live rows
            rows = jdbc.query("SELECT " + COLUMNS + " FROM workspace_view WHERE name = :name AND deleted_at IS NULL "
                    + "ORDER BY created_at DESC LIMIT 1", Map.of("name", ref), ROW);
        } else {
            rows = List.of();
        }
        return withEntityCounts(rows).stream().findFirst();
    }

    /**
     * The workspace {@code ref} names, live or deleted: by id, or by name (the live one, else the one of that
     * name deleted last). For reads that outlive a workspace, such as its history.
     */
    public Optional<UUID> resolveAny(String ref) {
        Optional<UUID> id = asId(ref);
        if (id.isPresent()) {
            return jdbc.queryForList("SELECT id FROM workspace_view WHERE id = :id", Map.of("id", id.get()), UUID.class)
                    .stream().findFirst();
        }
        if (WorkspaceName.problemWith(ref) != null) {
            return Optional.empty();
        }
        return jdbc.queryForList("""
                        SELECT id FROM workspace_view WHERE name = :name
                        ORDER BY deleted_at DESC NULLS FIRST, created_at DESC LIMIT 1""",
                Map.of("name", ref), UUID.class).stream().findFirst();
    }

    /** A membership row's role as its rank (Role's order: viewer < editor < admin), to take the higher of two. */
    private static final String ROLE_RANK = Arrays.stream(Role.values())
            .map(role -> " WHEN '" + role.wireName() + "' THEN " + role.ordinal())
            .collect(Collectors.joining("", "CASE e.role", " END"));

    /** Live workspaces the caller may read (all of them for auditors and platform admins), filtered. */
    public Page<WorkspaceBody> list(PageRequest page, WorkspaceFilter filter, Caller caller) {
        StringBuilder where = new StringBuilder(" WHERE w.deleted_at IS NULL");
        MapSqlParameterSource parameters = new MapSqlParameterSource();
        if (!caller.readsEverything()) {
            where.append(" AND EXISTS (SELECT 1 FROM membership r WHERE r.workspace_id = w.id"
                    + " AND r.principal IN (:caller, '*'))");
            parameters.addValue("caller", caller.principal().value());
        }
        if (filter.namePrefix() != null) {
            where.append(" AND w.name LIKE :prefix");
            parameters.addValue("prefix", filter.namePrefix() + "%");
        }
        if (filter.member() != null) {
            where.append(" AND EXISTS (SELECT 1 FROM membership m WHERE m.workspace_id = w.id AND m.principal = :member");
            parameters.addValue("member", filter.member());
            if (filter.role() != null) {
                where.append(" AND m.role = :role");
                parameters.addValue("role", filter.role().wireName());
            }
            where.append(')');
        }
        if (filter.callerRole() != null) {
            where.append(" AND (SELECT max(" + ROLE_RANK + ") FROM membership e WHERE e.workspace_id = w.id"
                    + " AND e.principal IN (:caller, '*')) = :callerRank");
            parameters.addValue("caller", caller.principal().value());
            parameters.addValue("callerRank", filter.callerRole().ordinal());
        }
        String direction = page.descending() ? " DESC" : " ASC";
        String order = " ORDER BY w." + SORT_COLUMNS.get(page.sortKey()) + direction + ", w.id" + direction;
        parameters.addValue("limit", page.pageSize()).addValue("offset", page.offset());
        List<Row> rows = jdbc.query("SELECT " + prefixed() + " FROM workspace_view w" + where + order
                + " LIMIT :limit OFFSET :offset", parameters, ROW);
        Long total = jdbc.queryForObject("SELECT count(*) FROM workspace_view w" + where, parameters, Long.class);
        return page.page(withEntityCounts(rows), total == null ? 0 : total);
    }

    private List<WorkspaceBody> withEntityCounts(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, Map<String, Integer>> counts = new HashMap<>();
        jdbc.query("""
                        SELECT workspace_id, entity_type, count(*) FROM workspace_entity
                        WHERE workspace_id IN (:ids) GROUP BY workspace_id, entity_type""",
                Map.of("ids", rows.stream().map(Row::id).toList()),
                rs -> {
                    counts.computeIfAbsent(rs.getObject(1, UUID.class), id -> new TreeMap<>())
                            .put(rs.getString(2), rs.getInt(3));
                });
        List<WorkspaceBody> bodies = new ArrayList<>(rows.size());
        for (Row row : rows) {
            bodies.add(row.body(counts.getOrDefault(row.id(), Map.of())));
        }
        return bodies;
    }

    private static Optional<UUID> asId(String ref) {
        return WorkspaceName.looksLikeUuid(ref) ? Optional.of(UUID.fromString(ref.toLowerCase(Locale.ROOT)))
                : Optional.empty();
    }

    private static String prefixed() {
        return "w." + COLUMNS.replace(", ", ", w.");
    }

    private record Row(UUID id, String name, String description, OffsetDateTime createdAt, String createdBy,
                       OffsetDateTime updatedAt, String updatedBy, long version, int memberCount) {

        WorkspaceBody body(Map<String, Integer> entityCounts) {
            return new WorkspaceBody(id, name, description, createdAt.toInstant(), createdBy, updatedAt.toInstant(),
                    updatedBy, version, memberCount, entityCounts);
        }
    }

    private static final RowMapper<Row> ROW = (rs, n) -> new Row(rs.getObject("id", UUID.class), rs.getString("name"), rs.getString("description"),
                rs.getObject("created_at", OffsetDateTime.class), rs.getString("created_by"),
                rs.getObject("updated_at", OffsetDateTime.class), rs.getString("updated_by"), rs.getLong("version"),
                rs.getInt("member_count"));
}
