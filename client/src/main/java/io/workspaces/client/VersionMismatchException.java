package io.workspaces.client;

import java.net.http.HttpHeaders;
import java.util.OptionalLong;

/** 412: an If-Match named a version the workspace is no longer (or not yet) at; nothing changed. */
public class VersionMismatchException extends ConflictException {

    public VersionMismatchException(int status, Problem problem, String body, HttpHeaders headers) {
        super(status, problem, body, headers);
    }

    /** The workspace's current version, when the answer says it ({@code current_version}, else its ETag). */
    public OptionalLong currentVersion() {
        if (problem().json() != null && problem().json().path("current_version").canConvertToLong()) {
            return OptionalLong.of(problem().json().path("current_version").asLong());
        }
        Long fromEtag = headers() == null ? null : headers().firstValue("ETag").map(Http::version).orElse(null);
        return fromEtag == null ? OptionalLong.empty() : OptionalLong.of(fromEtag);
    }
}
