package io.workspaces.client.model;

import java.time.Instant;

/** One member of a workspace: who, which role, and when and by whom that role was granted. */
public record Member(String principal, String role, Instant grantedAt, String grantedBy) {
}
