package io.workspaces.query.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * Which events of the audit stream to return (docs/compliance.md): of one workspace, by one actor, of one type, in a time
 * range [from, to). Null means "any".
 */
record AuditFilter(UUID workspaceId, String actor, String type, Instant from, Instant to) {
}
