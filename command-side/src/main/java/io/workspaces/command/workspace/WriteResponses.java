package io.workspaces.command.workspace;

import io.workspaces.common.web.Headers;
import io.workspaces.common.web.Preconditions;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Every write answers with the workspace's new {@code ETag} and the write's consistency token. */
public final class WriteResponses {

    private WriteResponses() {
    }

    public static ResponseEntity.BodyBuilder of(HttpStatus status, CommandDispatcher.Outcome outcome) {
        return ResponseEntity.status(status)
                .header(HttpHeaders.ETAG, Preconditions.etag(outcome.workspace().version()))
                .header(Headers.CONSISTENCY_TOKEN, Long.toString(outcome.consistencyToken()));
    }

    public static ResponseEntity<Void> noContent(CommandDispatcher.Outcome outcome) {
        return of(HttpStatus.NO_CONTENT, outcome).build();
    }
}
