package io.workspaces.client;

import java.net.http.HttpHeaders;
import java.util.List;

/** 400, 413, 414, 415 or 422: the request was refused as it is and changed nothing; {@link #fieldErrors()} says why. */
public class InvalidRequestException extends ApiException {

    public InvalidRequestException(int status, Problem problem, String body, HttpHeaders headers) {
        super(status, problem, body, headers);
    }

    /** One entry per invalid field (empty when the problem is not about fields, e.g. malformed JSON). */
    public List<Problem.FieldError> fieldErrors() {
        return problem().errors();
    }
}
