package io.workspaces.query.workspace;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.workspaces.common.openapi.Answers;
import io.workspaces.common.openapi.Paged;
import io.workspaces.common.openapi.ReadsYourWrites;
import io.workspaces.common.web.Headers;
import io.workspaces.common.web.Preconditions;
import io.workspaces.common.web.RequestContext;
import io.workspaces.common.web.Validation;
import io.workspaces.events.Principal;
import io.workspaces.events.Role;
import io.workspaces.query.access.ReadAccess;
import io.workspaces.query.access.WorkspaceNotFoundException;
import io.workspaces.query.asof.AsOfReads;
import io.workspaces.query.asof.WorkspaceSnapshot;
import io.workspaces.query.body.WorkspaceBody;
import io.workspaces.query.consistency.ReadYourWrites;
import io.workspaces.query.projection.Projections;
import io.workspaces.query.web.Page;
import io.workspaces.query.web.PageRequest;
import io.workspaces.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Workspace reads (docs/api.md): the list with paging, sorting and filters, and one workspace by id or name. Both show
 * only what the caller may read: their workspaces, those with a {@code *} binding, or all for auditors and
 * platform admins; totals count only those.
 */
@RestController
@RequestMapping(path = "/v1/workspaces", produces = MediaType.APPLICATION_JSON_VALUE)
class WorkspaceQueryController {

    static final List<String> SORTS = List.of("name", "-name", "created_at", "-created_at", "updated_at", "-updated_at");
    private static final Set<String> LIST_PARAMETERS = Set.of(PageRequest.PAGE, PageRequest.PAGE_SIZE,
            PageRequest.SORT, "name_prefix", "member", "role");
    private static final Pattern NAME_PREFIX = Pattern.compile("^[a-z0-9-]{1,63}$");

    private final WorkspaceReadModel workspaces;
    private final ReadYourWrites readYourWrites;
    private final ReadAccess access;
    private final AsOfReads asOfReads;

    public WorkspaceQueryController(WorkspaceReadModel workspaces, ReadYourWrites readYourWrites, ReadAccess access,
                                    AsOfReads asOfReads) {
        this.workspaces = workspaces;
        this.readYourWrites = readYourWrites;
        this.access = access;
        this.asOfReads = asOfReads;
    }

    /**
     * Live workspaces. {@code member} keeps those where that principal is a direct member; {@code role}
     * keeps those where that member has exactly that role or, without {@code member}, where the caller's
     * effective role (the higher of their own membership and the {@code *} binding) is exactly that role.
     */
    @Answers(problems = 422)
    @Paged(sorts = {"-created_at", "created_at", "name", "-name", "updated_at", "-updated_at"})
    @ReadsYourWrites
    @Parameter(in = ParameterIn.QUERY, name = "name_prefix", description = "names starting with this",
            schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "member", description = "workspaces where this principal is a direct member",
            schema = @Schema(type = "string"))
    @Parameter(in = ParameterIn.QUERY, name = "role", description = "with member: that member's exact role; without: the caller's effective role (the higher of "
                    + "their own membership and the '*' binding)",
            schema = @Schema(type = "string", allowableValues = {"viewer", "editor", "admin"}))
    @GetMapping
    public Page<WorkspaceBody> list(HttpServletRequest request, RequestContext caller) {
        QueryParameters parameters = QueryParameters.of(request, LIST_PARAMETERS);
        PageRequest page = PageRequest.from(parameters, SORTS, "-created_at");
        String namePrefix = parameters.get("name_prefix");
        String member = parameters.get("member");
        String role = parameters.get("role");
        new Validation()
                .check("name_prefix", namePrefix == null || NAME_PREFIX.matcher(namePrefix).matches() ? null
                        : "must be 1-63 characters of a workspace name (lowercase letters, digits, hyphens)")
                .check("member", member == null ? null : Principal.problemWith(member))
                .check("role", role == null ? null : Role.problemWith(role))
                .throwIfInvalid();
        Role parsedRole = role == null ? null : Role.parse(role);
        WorkspaceFilter filter = member != null ? new WorkspaceFilter(namePrefix, member, parsedRole, null)
                : new WorkspaceFilter(namePrefix, null, null, parsedRole);
        readYourWrites.await(request, Projections.WORKSPACES);
        return workspaces.list(page, filter, caller.caller());
    }

    /** The live workspace, or with {@code as_of} the workspace as it was at that instant (docs/compliance.md). */
    @Answers(success = "the workspace, with ETag", alsoSucceeds = 304, problems = {404, 422})
    @ReadsYourWrites
    @Parameter(in = ParameterIn.QUERY, name = "as_of", description = "RFC 3339 instant: the workspace as it was then, rebuilt from its events",
            schema = @Schema(type = "string", format = "date-time"))
    @GetMapping("/{ref}")
    public ResponseEntity<WorkspaceBody> get(@PathVariable String ref, HttpServletRequest request,
                                             RequestContext caller) {
        String asOf = QueryParameters.of(request, Set.of(AsOfReads.PARAMETER)).get(AsOfReads.PARAMETER);
        if (asOf != null) {
            Instant instant = AsOfReads.parse(asOf);
            readYourWrites.await(request, Projections.HISTORY);
            WorkspaceSnapshot snapshot = asOfReads.snapshot(ref, instant, caller.caller());
            return ResponseEntity.ok().header(Headers.AS_OF, instant.toString()).body(snapshot.workspace());
        }
        readYourWrites.await(request, Projections.WORKSPACES);
        WorkspaceBody workspace = workspaces.findLive(ref).orElseThrow(() -> new WorkspaceNotFoundException(ref));
        access.requireReadable(workspace.id(), ref, caller.caller());
        String etag = Preconditions.etag(workspace.version());
        Preconditions.Condition ifNoneMatch = Preconditions.ifNoneMatch(request.getHeader(HttpHeaders.IF_NONE_MATCH));
        if (ifNoneMatch != null && ifNoneMatch.matchesWeakly(workspace.version())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok().eTag(etag).body(workspace);
    }
}
