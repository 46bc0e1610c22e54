package io.workspaces.query.web;

import io.workspaces.query.access.ForbiddenException;
import io.workspaces.query.admin.ReplayRefusedException;
import io.workspaces.query.admin.UnknownProjectionException;
import io.workspaces.query.projection.ConsistencyTimeoutException;
import io.workspaces.query.workspace.WorkspaceNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static io.workspaces.common.web.ProblemResponses.problem;
import static io.workspaces.common.web.ProblemResponses.respond;

/** The query side's own failures as problem+json. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class QueryProblems {

    @ExceptionHandler(WorkspaceNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(WorkspaceNotFoundException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "workspace-not-found", "Workspace not found", e.getMessage()),
                request);
    }

    @ExceptionHandler(UnknownProjectionException.class)
    ResponseEntity<ProblemDetail> unknownProjection(UnknownProjectionException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "projection-not-found", "Projection not found", e.getMessage()),
                request);
    }

    @ExceptionHandler(ReplayRefusedException.class)
    ResponseEntity<ProblemDetail> replayRefused(ReplayRefusedException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT, "replay-refused", "Rebuild refused", e.getMessage()), request);
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<ProblemDetail> forbidden(ForbiddenException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage()), request);
    }

    @ExceptionHandler(ConsistencyTimeoutException.class)
    ResponseEntity<ProblemDetail> consistencyTimeout(ConsistencyTimeoutException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "consistency-timeout",
                "Read models behind", e.getMessage());
        problem.setProperty("consistency_token", e.position());
        ResponseEntity<ProblemDetail> response = respond(problem, request);
        return ResponseEntity.status(response.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "1")
                .body(response.getBody());
    }
}
