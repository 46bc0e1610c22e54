package io.workspaces.client;

import java.net.http.HttpHeaders;

/** 403: the caller is known but lacks the role for this. */
public class ForbiddenException extends ApiException {

    public ForbiddenException(int status, Problem problem, String body, HttpHeaders headers) {
        super(status, problem, body, headers);
    }
}
