package io.workspaces.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One question of {@code POST /v1/access/check}: may {@code principal} do {@code action} in a workspace (by id or
 * name), or on an entity (resolved to the workspace it is registered in)? Exactly one of the two is set.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AccessCheck(String principal, String workspace, EntityRef entity, AccessAction action) {

    public static AccessCheck workspace(String principal, String workspace, AccessAction action) {
        return new AccessCheck(principal, workspace, null, action);
    }

    public static AccessCheck entity(String principal, String type, String id, AccessAction action) {
        return new AccessCheck(principal, null, new EntityRef(type, id), action);
    }
}
