package io.workspaces.client;

import java.net.http.HttpHeaders;

/**
 * 409: the write conflicts with the current state ({@link #type()}: name-taken, last-admin, workspace-not-empty,
 * built-in-workspace, already-a-member, idempotency-key-in-use, concurrent-modification...).
 */
public class ConflictException extends ApiException {

    public ConflictException(int status, Problem problem, String body, HttpHeaders headers) {
        super(status, problem, body, headers);
    }
}
