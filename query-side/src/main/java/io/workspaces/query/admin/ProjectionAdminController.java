package io.workspaces.query.admin;

import io.workspaces.common.openapi.Answers;
import io.workspaces.common.web.RequestContext;
import io.workspaces.query.access.ForbiddenException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Operating the projections (rebuilds, docs/compliance.md): where each stands (auditors and platform admins), and rebuilding one
 * from position 0 while the service keeps serving (platform admins).
 */
@RestController
@RequestMapping(path = "/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
class ProjectionAdminController {

    private final ProjectionAdmin admin;

    public ProjectionAdminController(ProjectionAdmin admin) {
        this.admin = admin;
    }

    @Answers(problems = 403)
    @GetMapping
    public List<ProjectionStatus> list(RequestContext caller) {
        if (!caller.caller().readsEverything()) {
            throw new ForbiddenException("projection status is for auditors and platform admins");
        }
        return admin.statuses();
    }

    @Answers(problems = {403, 404})
    @GetMapping("/{name}")
    public ProjectionStatus get(@PathVariable String name, RequestContext caller) {
        if (!caller.caller().readsEverything()) {
            throw new ForbiddenException("projection status is for auditors and platform admins");
        }
        return admin.find(name).orElseThrow(() -> new UnknownProjectionException(name));
    }

    /** 202: the rebuild runs in the background; follow it with GET. */
    @Answers(value = 202, success = "the rebuild started; follow it with GET", problems = {403, 404, 409})
    @PostMapping("/{name}/replay")
    public ResponseEntity<ProjectionStatus> replay(@PathVariable String name, RequestContext caller) {
        if (!caller.caller().isPlatformAdmin()) {
            throw new ForbiddenException("rebuilding a projection is for platform admins");
        }
        admin.find(name).orElseThrow(() -> new UnknownProjectionException(name));
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(admin.replay(name));
    }
}
