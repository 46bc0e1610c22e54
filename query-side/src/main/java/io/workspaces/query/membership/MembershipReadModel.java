package io.workspaces.query.membership;

import io.workspaces.events.Role;
import io.workspaces.query.body.MemberBody;
import io.workspaces.query.web.Page;
import io.workspaces.query.web.PageRequest;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads of {@code membership}: the members of a workspace. (The workspaces of a principal, the role lookup, are served
 * by the access index.)
 */
@Repository
class MembershipReadModel {

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
}
