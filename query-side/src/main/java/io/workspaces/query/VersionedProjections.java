package io.workspaces.query;

import io.workspaces.query.history.HistoryProjection;
import io.workspaces.query.projection.ProjectionVersion;
import io.workspaces.query.workspace.WorkspaceProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The versions of the versioned projections this code has: {@code workspaces} and {@code history}. A release that
 * changes what a projection writes adds its next version here (its class writing its own tables, made by a
 * migration) and keeps the current one until the release after: docs/operations.md, "Changing a projection".
 */
@Configuration(proxyBeanMethods = false)
class VersionedProjections {

    @Bean
    ProjectionVersion workspacesProjectionVersion1() {
        return WorkspaceProjection.VERSION;
    }

    @Bean
    ProjectionVersion historyProjectionVersion1() {
        return HistoryProjection.VERSION;
    }
}
