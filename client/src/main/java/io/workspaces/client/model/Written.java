package io.workspaces.client.model;

/**
 * The answer to a write: its body (null for 204 answers), the write's consistency token (a read that sends it
 * sees the write), the workspace's new version (its ETag, for a later If-Match), the HTTP status, and whether it
 * is the stored answer of an earlier request with the same Idempotency-Key.
 */
public record Written<T>(T body, long consistencyToken, Long version, int status, boolean replayed) {
}
