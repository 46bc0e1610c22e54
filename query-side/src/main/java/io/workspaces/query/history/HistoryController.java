package io.workspaces.query.history;

import io.workspaces.common.openapi.Answers;
import io.workspaces.common.openapi.Paged;
import io.workspaces.common.openapi.ReadsYourWrites;
import io.workspaces.common.web.RequestContext;
import io.workspaces.query.access.ReadAccess;
import io.workspaces.query.access.WorkspaceNotFoundException;
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

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The history of one workspace, oldest event first, for its admins, auditors and platform admins. It
 * outlives the workspace: a deleted workspace's history is found by its id, or by its name while no live
 * workspace has taken that name again; having no members any more, it is then readable by auditors and
 * platform admins only.
 */
@RestController
class HistoryController {

    private static final Set<String> PARAMETERS = Set.of(PageRequest.PAGE, PageRequest.PAGE_SIZE, PageRequest.SORT);

    private final HistoryReadModel history;
    private final WorkspaceReadModel workspaces;
    private final ReadYourWrites readYourWrites;
    private final ReadAccess access;

    public HistoryController(HistoryReadModel history, WorkspaceReadModel workspaces, ReadYourWrites readYourWrites,
                             ReadAccess access) {
        this.history = history;
        this.workspaces = workspaces;
        this.readYourWrites = readYourWrites;
        this.access = access;
    }

    @Answers(problems = {403, 404, 422})
    @Paged(sorts = {"position"})
    @ReadsYourWrites
    @GetMapping(path = "/v1/workspaces/{ref}/history", produces = MediaType.APPLICATION_JSON_VALUE)
    public Page<HistoryEntry> history(@PathVariable String ref, HttpServletRequest request, RequestContext caller) {
        PageRequest page = PageRequest.from(QueryParameters.of(request, PARAMETERS), List.of("position"), "position");
        readYourWrites.await(request, Projections.WORKSPACES, Projections.HISTORY);
        UUID id = workspaces.resolveAny(ref).orElseThrow(() -> new WorkspaceNotFoundException(ref));
        access.requireHistoryReader(id, ref, caller.caller());
        return history.history(id, page);
    }
}
