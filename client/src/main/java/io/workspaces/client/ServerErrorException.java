package io.workspaces.client;

import java.net.http.HttpHeaders;

/** 500 or another 5xx: the request failed unexpectedly; quote {@code problem().requestId()} when reporting it. */
public class ServerErrorException extends ApiException {

    public ServerErrorException(int status, Problem problem, String body, HttpHeaders headers) {
        super(status, problem, body, headers);
    }
}
