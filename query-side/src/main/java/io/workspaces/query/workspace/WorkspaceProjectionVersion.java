package io.workspaces.query.workspace;

import io.workspaces.query.projection.ProjectionVersion;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The versions of the workspaces projection this code has. A release that changes what the projection writes adds
 * the next version here (its class writing its own tables, made by a migration) and keeps the current one until the
 * release after: docs/operations.md, "Changing a projection".
 */
@Configuration(proxyBeanMethods = false)
class WorkspaceProjectionVersion {

    @Bean
    ProjectionVersion workspacesProjectionVersion1() {
        return WorkspaceProjection.VERSION;
    }
}
