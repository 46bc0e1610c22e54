package io.workspaces.client.model;

import java.util.List;

/** A page of the audit stream; {@code nextStartAfter} is null on the last page. */
public record AuditPage(List<AuditEvent> data, Long nextStartAfter) {
}
