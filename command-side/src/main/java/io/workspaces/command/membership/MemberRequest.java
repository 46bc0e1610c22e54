package io.workspaces.command.membership;

/** Body of {@code PUT /v1/workspaces/{ref}/members/{principal}}. */
public record MemberRequest(String role) {
}
