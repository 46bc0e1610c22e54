package io.workspaces.command.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.common.security.ShortcutRoute;
import io.workspaces.common.web.Headers;
import io.workspaces.common.web.InvalidRequestException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

import java.util.List;

/** The workspace writes answered ahead of Spring MVC (docs/performance-log.md): a create, a description's PATCH. */
@Configuration(proxyBeanMethods = false)
class WorkspaceShortcutRoutes {

    @Bean
    ShortcutRoute<CreateWorkspaceRequest> createRoute(WorkspaceController controller, ObjectMapper json) {
        return ShortcutRoute.of("POST", "/v1/workspaces", "create_workspace", List.of(),
                List.of(Headers.IDEMPOTENCY_KEY), CreateWorkspaceRequest.class, WorkspaceView.class, json,
                WorkspaceShortcutRoutes::refusedBeforeWriting,
                (path, body, request, context) -> controller.create(body, request.getHeader(Headers.IDEMPOTENCY_KEY),
                        context));
    }

    @Bean
    ShortcutRoute<UpdateWorkspaceRequest> updateDescriptionRoute(WorkspaceController controller, ObjectMapper json) {
        return ShortcutRoute.of("PATCH", "/v1/workspaces/{ref}", "update_workspace",
                List.of(WorkspaceController.MERGE_PATCH), List.of(HttpHeaders.IF_MATCH), UpdateWorkspaceRequest.class,
                WorkspaceView.class, json, ShortcutRoute.IDEMPOTENT,
                (path, body, request, context) -> controller.update(path.group(1), body,
                        request.getHeader(HttpHeaders.IF_MATCH), context));
    }

    /**
     * A create's failures that the long way may decide again: an invalid field and a broken rule (a caller who may
     * not create, a name or an Idempotency-Key already taken) are decided before its transaction commits, so nothing
     * was written. Any other failure may come after the commit; a second create would then answer "name taken".
     */
    static boolean refusedBeforeWriting(Exception failure) {
        return failure instanceof InvalidRequestException || CommandDispatcher.isRuleViolation(failure);
    }
}
