package io.workspaces.query.membership;

import io.workspaces.events.Principal;
import io.workspaces.events.Role;
import io.workspaces.query.web.Page;
import io.workspaces.query.web.PageRequest;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/** Reads of {@code membership}: the members of a workspace and the workspaces of a principal. */
@Repository
public class MembershipReadModel {

    private static final Map<String, String> MEMBER_SORT_COLUMNS = Map.of(
            "principal", "principal", "granted_at", "granted_at");

    private final NamedParameterJdbcTemplate jdbc;

    public MembershipReadModel(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Members of one workspace, optionally only those with {@code role}; served by the primary key. */
    public Page<MemberBody> members(UUID workspaceId, Role role, PageRequest page) {
        MapSqlParameterSource parameters = new MapSqlParameterSource("workspace", workspaceId);
        String where = " WHERE workspace_id = :workspace";
        if (role != null) {
            where += " AND role = :role";
            parameters.addValue("role", role.wireName());
        }
        String direction = page.descending() ? " DESC" : " ASC";
        parameters.addValue("limit", page.pageSize()).addValue("offset", page.offset());
        List<MemberBody> members = jdbc.query("SELECT principal, role, granted_at, granted_by FROM membership" + where
                        + " ORDER BY " + MEMBER_SORT_COLUMNS.get(page.sortKey()) + direction + ", principal" + direction
                        + " LIMIT :limit OFFSET :offset", parameters,
                (rs, n) -> new MemberBody(rs.getString(1), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4)));
        Long total = jdbc.queryForObject("SELECT count(*) FROM membership" + where, parameters, Long.class);
        return page.page(members, total == null ? 0 : total);
    }

    /**
     * The live workspaces where {@code principal} holds a role, directly or (with {@code includeEveryone})
     * through a {@code *} binding, sorted by workspace name; served by {@code membership_by_principal}.
     */
    public Page<RoleGrant> grantsOf(String principal, boolean includeEveryone, PageRequest page) {
        List<String> principals = includeEveryone ? List.of(principal, Principal.EVERYONE.value()) : List.of(principal);
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("principal", principal)
                .addValue("principals", principals)
                .addValue("limit", page.pageSize())
                .addValue("offset", page.offset());
        String direction = page.descending() ? " DESC" : " ASC";
        List<RoleGrant> grants = jdbc.query("""
                        SELECT w.id, w.name,
                               max(m.role) FILTER (WHERE m.principal = :principal) AS member_role,
                               max(m.role) FILTER (WHERE m.principal = '*') AS everyone_role
                        FROM membership m JOIN workspace_view w ON w.id = m.workspace_id AND w.deleted_at IS NULL
                        WHERE m.principal IN (:principals)
                        GROUP BY w.id, w.name
                        ORDER BY w.name""" + direction + ", w.id" + direction + " LIMIT :limit OFFSET :offset",
                parameters,
                (rs, n) -> grant(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        includeEveryone ? rs.getString(4) : null));
        Long total = jdbc.queryForObject("""
                        SELECT count(DISTINCT m.workspace_id)
                        FROM membership m JOIN workspace_view w ON w.id = m.workspace_id AND w.deleted_at IS NULL
                        WHERE m.principal IN (:principals)""", parameters, Long.class);
        return page.page(grants, total == null ? 0 : total);
    }

    private static RoleGrant grant(UUID id, String name, String memberRole, String everyoneRole) {
        String effective = Stream.of(memberRole, everyoneRole).filter(Objects::nonNull).map(Role::parse)
                .max(Comparator.naturalOrder()).map(Role::wireName).orElseThrow();
        return new RoleGrant(new RoleGrant.WorkspaceRef(id, name), effective, memberRole, everyoneRole);
    }
}
