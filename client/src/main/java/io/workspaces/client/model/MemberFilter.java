package io.workspaces.client.model;

import java.time.Instant;

/**
 * Which members to list (every field optional): one role; the order ({@code principal} by default,
 * {@code -principal}, {@code granted_at}, {@code -granted_at}); {@code asOf}: the members as they were then.
 */
public record MemberFilter(String role, String sort, Instant asOf) {

    public static MemberFilter all() {
        return new MemberFilter(null, null, null);
    }

    public MemberFilter role(String value) {
        return new MemberFilter(value, sort, asOf);
    }

    public MemberFilter sort(String value) {
        return new MemberFilter(role, value, asOf);
    }

    public MemberFilter asOf(Instant value) {
        return new MemberFilter(role, sort, value);
    }
}
