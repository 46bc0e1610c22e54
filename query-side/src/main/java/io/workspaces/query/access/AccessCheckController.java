package io.workspaces.query.access;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.workspaces.access.AccessIndex;
import io.workspaces.access.Action;
import io.workspaces.access.Decision;
import io.workspaces.access.Permissions;
import io.workspaces.common.openapi.Answers;
import io.workspaces.common.openapi.ReadsYourWrites;
import io.workspaces.common.security.Caller;
import io.workspaces.common.web.Headers;
import io.workspaces.common.web.RequestContext;
import io.workspaces.common.web.Validation;
import io.workspaces.events.EntityRef;
import io.workspaces.events.PlatformRole;
import io.workspaces.events.Principal;
import io.workspaces.query.consistency.ReadYourWrites;
import io.workspaces.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Access checks for the other services of the platform: may this principal do that in this workspace (or in the
 * workspace that holds this entity)? Answered from this node's access index, in the order asked. A workspace or
 * entity that does not exist, and one the principal holds no role in, answer alike: not allowed, "not found".
 *
 * <p>Any caller may ask about themselves (their platform roles count); {@code access-checker}, {@code auditor} and
 * {@code platform-admin} may ask about anyone (then only the principal's workspace roles count: their platform
 * roles are in their own credentials, which the asking service holds).
 */
@RestController
class AccessCheckController {

    public static final int MAX_CHECKS = 1000;
    private static final String AFTER = "after";

    private final AccessIndex index;
    private final AccessIndexProgress progress;
    private final ReadYourWrites readYourWrites;

    public AccessCheckController(AccessIndex index, AccessIndexProgress progress, ReadYourWrites readYourWrites) {
        this.index = index;
        this.progress = progress;
        this.readYourWrites = readYourWrites;
    }

    /** One question: {@code principal} wants to do {@code action} in {@code workspace} (id or name) or where {@code entity} is. */
    public record Check(String principal, String workspace, EntityBody entity, String action) {
    }

    public record EntityBody(String type, String id) {
    }

    /** Up to {@value #MAX_CHECKS} checks, answered after the write whose consistency token is {@code after}, if given. */
    public record CheckRequest(List<Check> checks, Long after) {
    }

    /**
     * One answer: {@code role} is the principal's role in the workspace (absent for none), {@code reason} why it is
     * not allowed; a workspace or entity not found shows neither role nor workspace.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CheckResult(boolean allowed, String role, UUID workspaceId, String reason) {
    }

    /** The answers, in the order of the checks, and the position in the event log they reflect (at least). */
    public record CheckResponse(List<CheckResult> results, long consistencyToken) {
    }

    @Answers(problems = {403, 422})
    @ReadsYourWrites
    @PostMapping(path = "/v1/access/check", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<CheckResponse> check(@RequestBody CheckRequest body, HttpServletRequest request,
                                               RequestContext context) {
        QueryParameters.of(request, Set.of());
        Action[] actions = validateAndAuthorize(body, context.caller());
        readYourWrites.awaitAccessIndex(request, body.after(), AFTER);
        CheckResponse response = answer(body, context.caller(), actions);
        return ResponseEntity.ok().header(Headers.CONSISTENCY_TOKEN, Long.toString(response.consistencyToken()))
                .body(response);
    }

    /**
     * The actions of the checks, once the request is valid (else 422) and {@code caller} may ask about each of their
     * principals (else 403).
     */
    Action[] validateAndAuthorize(CheckRequest body, Caller caller) {
        List<Check> checks = body.checks();
        Action[] actions = validate(checks);
        String self = caller.principal().value();
        if (!Permissions.checksAnyone(caller.platformRoles())) {
            for (Check check : checks) {
                if (!check.principal().equals(self)) {
                    throw new ForbiddenException("only access checkers, auditors and platform admins may check the "
                            + "access of principals other than themselves");
                }
            }
        }
        return actions;
    }

    /** The answers from the index as it is now, and the position they reflect (at least). */
    CheckResponse answer(CheckRequest body, Caller caller, Action[] actions) {
        List<Check> checks = body.checks();
        String self = caller.principal().value();
        long position = progress.position();
        List<CheckResult> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            Set<PlatformRole> platformRoles = check.principal().equals(self) ? caller.platformRoles() : Set.of();
            AccessIndex.Answer answer = check.workspace() != null
                    ? index.check(check.principal(), check.workspace(), actions[i], platformRoles)
                    : index.checkEntity(check.principal(), check.entity().type(), check.entity().id(), actions[i],
                    platformRoles);
            results.add(result(answer));
        }
        return new CheckResponse(results, position);
    }

    private static CheckResult result(AccessIndex.Answer answer) {
        Decision decision = answer.decision();
        return new CheckResult(decision.allowed(), decision.role() == null ? null : decision.role().wireName(),
                answer.workspaceId(), decision.reason());
    }

    /** Every problem of the request in one 422; the actions of valid checks. */
    private static Action[] validate(List<Check> checks) {
        Validation validation = new Validation();
        if (checks == null || checks.isEmpty() || checks.size() > MAX_CHECKS) {
            validation.check("checks", "must hold 1 to " + MAX_CHECKS + " checks").throwIfInvalid();
        }
        Action[] actions = new Action[checks.size()];
        for (int i = 0; i < checks.size(); i++) {
            Check check = checks.get(i);
            String at = "checks[" + i + "]";
            if (check == null) {
                validation.check(at, "must be a check object");
                continue;
            }
            validation.check(at + ".principal", Principal.problemWith(check.principal()));
            actions[i] = Action.fromWireName(check.action());
            validation.check(at + ".action", actions[i] == null ? "must be one of " + Action.allowedValues() : null);
            if ((check.workspace() == null) == (check.entity() == null)) {
                validation.check(at, "must name either a workspace or an entity");
            } else if (check.workspace() != null) {
                validation.check(at + ".workspace", check.workspace().isEmpty() || check.workspace().length() > 255
                        ? "must be a workspace id or name" : null);
            } else {
                validation.check(at + ".entity.type", EntityRef.typeProblem(check.entity().type()));
                validation.check(at + ".entity.id", EntityRef.idProblem(check.entity().id()));
            }
        }
        validation.throwIfInvalid();
        return actions;
    }
}
