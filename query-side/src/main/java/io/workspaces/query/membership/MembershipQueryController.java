package io.workspaces.query.membership;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.workspaces.access.AccessIndex;
import io.workspaces.common.openapi.Answers;
import io.workspaces.common.openapi.Paged;
import io.workspaces.common.openapi.ReadsYourWrites;
import io.workspaces.common.security.Caller;
import io.workspaces.common.web.RequestContext;
import io.workspaces.common.web.Validation;
import io.workspaces.events.Principal;
import io.workspaces.events.Role;
import io.workspaces.query.access.ReadAccess;
import io.workspaces.query.access.WorkspaceNotFoundException;
import io.workspaces.query.asof.AsOfReads;
import io.workspaces.query.body.MemberBody;
import io.workspaces.query.consistency.ReadYourWrites;
import io.workspaces.query.projection.Projections;
import io.workspaces.query.web.Page;
import io.workspaces.query.web.PageRequest;
import io.workspaces.query.web.QueryParameters;
import io.workspaces.query.workspace.WorkspaceReadModel;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Membership reads (docs/api.md): the members of a workspace, and the role lookup of a principal. */
@RestController
class MembershipQueryController {

    private static final List<String> MEMBER_SORTS = List.of("principal", "-principal", "granted_at", "-granted_at");
    /** The members' sort keys, for as-of pages sorted in memory like the read model sorts them. */
    private static final Map<String, Comparator<MemberBody>> MEMBER_ORDER = Map.of(
            "principal", Comparator.comparing(MemberBody::principal),
            "granted_at", Comparator.comparing(MemberBody::grantedAt).thenComparing(MemberBody::principal));
    private static final List<String> GRANT_SORTS = List.of("name", "-name");
    private static final Set<String> MEMBER_PARAMETERS = Set.of(PageRequest.PAGE, PageRequest.PAGE_SIZE,
            PageRequest.SORT, "role", AsOfReads.PARAMETER);
    private static final Set<String> GRANT_PARAMETERS = Set.of(PageRequest.PAGE, PageRequest.PAGE_SIZE,
            PageRequest.SORT, "include_everyone");

    private final MembershipReadModel memberships;
    private final WorkspaceReadModel workspaces;
    private final ReadYourWrites readYourWrites;
    private final ReadAccess access;
    private final AsOfReads asOfReads;
    private final AccessIndex index;

    public MembershipQueryController(MembershipReadModel memberships, WorkspaceReadModel workspaces,
                                     ReadYourWrites readYourWrites, ReadAccess access, AsOfReads asOfReads,
                                     AccessIndex index) {
        this.memberships = memberships;
        this.workspaces = workspaces;
        this.readYourWrites = readYourWrites;
        this.access = access;
        this.asOfReads = asOfReads;
        this.index = index;
    }

    @Answers(problems = {404, 422})
    @Paged(sorts = {"principal", "-principal", "granted_at", "-granted_at"})
    @ReadsYourWrites
    @Parameter(in = ParameterIn.QUERY, name = "role", description = "only members with this role",
            schema = @Schema(type = "string", allowableValues = {"viewer", "editor", "admin"}))
    @Parameter(in = ParameterIn.QUERY, name = "as_of", description = "RFC 3339 instant: the members as they were then",
            schema = @Schema(type = "string", format = "date-time"))
    @GetMapping(path = "/v1/workspaces/{ref}/members", produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<MemberBody> members(@PathVariable String ref, HttpServletRequest request, RequestContext caller) {
        QueryParameters parameters = QueryParameters.of(request, MEMBER_PARAMETERS);
        PageRequest page = PageRequest.from(parameters, MEMBER_SORTS, "principal");
        String role = parameters.get("role");
        new Validation().check("role", role == null ? null : Role.problemWith(role)).throwIfInvalid();
        String asOf = parameters.get(AsOfReads.PARAMETER);
        if (asOf != null) {
            Instant instant = AsOfReads.parse(asOf);
            readYourWrites.await(request, Projections.HISTORY);
            List<MemberBody> members = asOfReads.snapshot(ref, instant, caller.caller()).memberList().stream()
                    .filter(member -> role == null || member.role().equals(role)).toList();
            return page.page(members, MEMBER_ORDER);
        }
        readYourWrites.await(request, Projections.WORKSPACES);
        var workspace = workspaces.findLive(ref).orElseThrow(() -> new WorkspaceNotFoundException(ref));
        access.requireReadable(workspace.id(), ref, caller.caller());
        return memberships.members(workspace.id(), role == null ? null : Role.parse(role), page);
    }

    /**
     * Where {@code principal} holds a role (for the principal themselves, auditors and platform admins): every live workspace with a direct membership or, unless
     * {@code include_everyone=false}, a {@code *} binding; with the effective role of each. Served from the access
     * index, without SQL.
     */
    @Answers(problems = {403, 422})
    @Paged(sorts = {"name", "-name"})
    @ReadsYourWrites
    @Parameter(in = ParameterIn.QUERY, name = "include_everyone", description = "count * bindings (default true)",
            schema = @Schema(type = "boolean"))
    @GetMapping(path = "/v1/principals/{principal}/workspaces", produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<RoleGrant> grants(@PathVariable String principal, HttpServletRequest request, RequestContext caller) {
        RoleLookup lookup = validateAndAuthorize(principal, request, caller.caller());
        readYourWrites.awaitAccessIndex(request);
        return answer(lookup);
    }

    /** A role lookup its caller may make: what to answer once the access index has passed the request's token. */
    record RoleLookup(String principal, boolean includeEveryone, PageRequest page) {
    }

    /**
     * The lookup {@code request} asks for, or the exception the API answers instead: 422 for an invalid parameter or
     * principal, 403 for a caller who may not ask about {@code principal}. The role lookup's shortcut
     * ({@link RoleLookupShortcut}) applies the same rules.
     */
    RoleLookup validateAndAuthorize(String principal, HttpServletRequest request, Caller caller) {
        QueryParameters parameters = QueryParameters.of(request, GRANT_PARAMETERS);
        PageRequest page = PageRequest.from(parameters, GRANT_SORTS, "name");
        boolean includeEveryone = parameters.booleanValue("include_everyone", true);
        new Validation().check("principal", Principal.problemWith(principal)).throwIfInvalid();
        access.requireRoleLookup(principal, caller);
        return new RoleLookup(principal, includeEveryone, page);
    }

    /** The page of grants, from the access index as it is now. */
    Page<RoleGrant> answer(RoleLookup lookup) {
        PageRequest page = lookup.page();
        AccessIndex.GrantPage grants = index.grants(lookup.principal(), lookup.includeEveryone(), page.descending(),
                page.offset(), page.pageSize());
        return page.page(grants.grants().stream()
                .map(grant -> new RoleGrant(new RoleGrant.WorkspaceRef(grant.workspaceId(), grant.workspaceName()),
                        grant.role().wireName(), wireName(grant.memberRole()), wireName(grant.everyoneRole())))
                .toList(), grants.total());
    }

    private static String wireName(Role role) {
        return role == null ? null : role.wireName();
    }
}
