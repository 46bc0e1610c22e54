package io.workspaces.query.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Audit exports ({@code workspaces.export.*}, see query-side.yml): how many one node streams at once and how many
 * of them one principal may hold. Each holds a database connection (its cursor's transaction) for as long as it
 * streams, so the node's limit must stay below the connection pool.
 */
@ConfigurationProperties("workspaces.export")
record ExportProperties(int maxConcurrent, int maxPerPrincipal) {

    public ExportProperties {
        if (maxConcurrent < 1 || maxPerPrincipal < 1) {
            throw new IllegalArgumentException(
                    "workspaces.export.max-concurrent and max-per-principal must be at least 1");
        }
    }
}
