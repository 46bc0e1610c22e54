package io.workspaces.command.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.workspaces.common.security.ShortcutRoute;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

/** The workspace write answered ahead of Spring MVC (docs/performance.md): a description's PATCH. */
@Configuration(proxyBeanMethods = false)
class WorkspaceShortcutRoutes {

    @Bean
    ShortcutRoute<UpdateWorkspaceRequest> updateDescriptionRoute(WorkspaceController controller, ObjectMapper json) {
        return ShortcutRoute.of("PATCH", "/v1/workspaces/{ref}", "update_workspace",
                List.of(WorkspaceController.MERGE_PATCH), UpdateWorkspaceRequest.class, WorkspaceView.class, json,
                (path, body, ifMatch, context) -> controller.update(path.group(1), body, ifMatch, context));
    }
}
