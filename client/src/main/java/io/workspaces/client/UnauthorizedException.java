package io.workspaces.client;

import java.net.http.HttpHeaders;

/** 401: no bearer token, or one the service does not accept (expired, wrong issuer or signature). */
public class UnauthorizedException extends ApiException {

    public UnauthorizedException(int status, Problem problem, String body, HttpHeaders headers) {
        super(status, problem, body, headers);
    }
}
