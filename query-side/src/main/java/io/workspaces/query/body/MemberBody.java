package io.workspaces.query.body;

import java.time.Instant;

/** One member of a workspace: who, which role, and when and by whom that role was granted. */
public record MemberBody(String principal, String role, Instant grantedAt, String grantedBy) {
}
