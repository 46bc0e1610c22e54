package io.workspaces.command.membership;

import io.workspaces.command.workspace.CommandDispatcher.Outcome;
import io.workspaces.command.workspace.CommandDispatcher;
import io.workspaces.command.workspace.CommandEndpoint;
import io.workspaces.command.workspace.GrantRole;
import io.workspaces.command.workspace.RemoveMember;
import io.workspaces.command.workspace.RoleGranted;
import io.workspaces.command.workspace.WriteResponses;
import io.workspaces.command.workspace.WorkspaceRefs;
import io.workspaces.common.openapi.Answers;
import io.workspaces.common.web.Preconditions;
import io.workspaces.common.web.RequestContext;
import io.workspaces.common.web.Validation;
import io.workspaces.events.Principal;
import io.workspaces.events.Role;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;


/** Membership writes (docs/api.md): grant or change a role with PUT, revoke with DELETE. */
@RestController
@RequestMapping(path = "/v1/workspaces/{ref}/members/{principal}", produces = MediaType.APPLICATION_JSON_VALUE)
class MembershipController {

    private final CommandDispatcher dispatcher;
    private final WorkspaceRefs refs;

    public MembershipController(CommandDispatcher dispatcher, WorkspaceRefs refs) {
        this.dispatcher = dispatcher;
        this.refs = refs;
    }

    /** 201 when {@code principal} became a member, 200 when an existing member's role was set. */
    @Answers(value = 201, success = "added as a member", alsoSucceeds = 200,
            problems = {403, 404, 409, 412})
    @CommandEndpoint("grant_role")
    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<MembershipView> put(@PathVariable String ref, @PathVariable("principal") String rawPrincipal,
                                              @RequestBody MemberRequest body,
                                              @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                              RequestContext context) {
        new Validation()
                .check("principal", memberProblem(rawPrincipal))
                .check("role", body.role() == null ? "is required: one of " + Role.allowedValues()
                        : Role.problemWith(body.role()))
                .throwIfInvalid();
        Principal principal = new Principal(rawPrincipal);
        Role role = Role.parse(body.role());
        Preconditions.Condition condition = Preconditions.ifMatch(ifMatch);
        return refs.write(ref, id -> {
            Outcome outcome = CommandDispatcher.underIfMatch(condition, expectedVersion -> dispatcher.dispatch(
                    new GrantRole(id, principal, role, expectedVersion), id, expectedVersion != null, context));
            HttpStatus status = outcome.result() instanceof RoleGranted granted && granted.added()
                    ? HttpStatus.CREATED : HttpStatus.OK;
            return WriteResponses.of(status, outcome).body(new MembershipView(id, principal.value(), role.wireName()));
        });
    }

    @Answers(value = 204, success = "removed", problems = {403, 404, 409, 412, 422})
    @CommandEndpoint("remove_member")
    @DeleteMapping
    public ResponseEntity<Void> delete(@PathVariable String ref, @PathVariable("principal") String rawPrincipal,
                                       @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
                                       RequestContext context) {
        new Validation().check("principal", memberProblem(rawPrincipal)).throwIfInvalid();
        Preconditions.Condition condition = Preconditions.ifMatch(ifMatch);
        return WriteResponses.noContent(refs.write(ref, id -> CommandDispatcher.underIfMatch(condition,
                expectedVersion -> dispatcher.dispatch(new RemoveMember(id, new Principal(rawPrincipal),
                        expectedVersion), id, expectedVersion != null, context))));
    }

    /** A member is any valid principal but the service's own ones. */
    private static String memberProblem(String rawPrincipal) {
        String problem = Principal.problemWith(rawPrincipal);
        return problem != null ? problem : Principal.reservedProblem(rawPrincipal);
    }
}
