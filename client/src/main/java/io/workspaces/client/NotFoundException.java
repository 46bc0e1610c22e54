package io.workspaces.client;

import java.net.http.HttpHeaders;

/** 404: no such resource, or one the caller may not see (the service does not tell the two apart). */
public class NotFoundException extends ApiException {

    public NotFoundException(int status, Problem problem, String body, HttpHeaders headers) {
        super(status, problem, body, headers);
    }
}
