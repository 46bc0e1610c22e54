package io.workspaces.query.access;

import io.workspaces.access.AccessIndex;
import io.workspaces.common.openapi.Answers;
import io.workspaces.common.openapi.ReadsYourWrites;
import io.workspaces.common.security.Caller;
import io.workspaces.common.web.RequestContext;
import io.workspaces.common.web.Validation;
import io.workspaces.events.EntityRef;
import io.workspaces.query.consistency.ReadYourWrites;
import io.workspaces.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.Set;
import java.util.UUID;

/**
 * Which workspace holds an entity, for callers who may read that workspace (its members, auditors, platform admins);
 * to anyone else the entity does not exist. An entity registered in several workspaces is held by the first of them
 * that registered it and still holds it.
 */
@RestController
class EntityQueryController {

    private final AccessIndex index;
    private final ReadYourWrites readYourWrites;

    public EntityQueryController(AccessIndex index, ReadYourWrites readYourWrites) {
        this.index = index;
        this.readYourWrites = readYourWrites;
    }

    public record WorkspaceRef(UUID id, String name) {
    }

    /** The entity and the workspace that holds it; {@code role} is the caller's role there (null for none). */
    public record EntityBody(String type, String id, WorkspaceRef workspace, String role) {
    }

    @Answers(problems = {404, 422})
    @ReadsYourWrites
    @GetMapping(path = "/v1/entities/{type}/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    public EntityBody entity(@PathVariable String type, @PathVariable String id, HttpServletRequest request,
                             RequestContext context) {
        QueryParameters.of(request, Set.of());
        new Validation().check("type", EntityRef.typeProblem(type)).check("id", EntityRef.idProblem(id))
                .throwIfInvalid();
        readYourWrites.awaitAccessIndex(request);
        Caller caller = context.caller();
        AccessIndex.Workspace holder = index.holderOf(type, id);
        var role = holder == null ? null : holder.roleOf(caller.principal().value());
        if (holder == null || (role == null && !caller.readsEverything())) {
            throw new EntityNotFoundException(type, id);
        }
        return new EntityBody(type, id, new WorkspaceRef(holder.id(), holder.name()),
                role == null ? null : role.wireName());
    }
}
