package io.workspaces.client.model;

import java.time.Instant;

/**
 * Which audit events to read or export (every field optional): a workspace (id or name, deleted ones too), who
 * acted, an event type, a time range as RFC 3339 text ({@code from} inclusive, {@code to} exclusive; the service
 * checks it) and a position to start after.
 */
public record AuditFilter(String workspace, String actor, String type, String from, String to, Long startAfter) {

    public static AuditFilter all() {
        return new AuditFilter(null, null, null, null, null, null);
    }

    public AuditFilter workspace(String value) {
        return new AuditFilter(value, actor, type, from, to, startAfter);
    }

    public AuditFilter actor(String value) {
        return new AuditFilter(workspace, value, type, from, to, startAfter);
    }

    public AuditFilter type(String value) {
        return new AuditFilter(workspace, actor, value, from, to, startAfter);
    }

    public AuditFilter from(Instant value) {
        return from(value == null ? null : value.toString());
    }

    /** An RFC 3339 instant as text, e.g. {@code 2026-11-01T00:00:00Z}. */
    public AuditFilter from(String value) {
        return new AuditFilter(workspace, actor, type, value, to, startAfter);
    }

    public AuditFilter to(Instant value) {
        return to(value == null ? null : value.toString());
    }

    public AuditFilter to(String value) {
        return new AuditFilter(workspace, actor, type, from, value, startAfter);
    }

    public AuditFilter startAfter(Long value) {
        return new AuditFilter(workspace, actor, type, from, to, value);
    }
}
