package io.workspaces.query.feed;

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

/** The feed's own failures as problem+json. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FeedProblems {

    @ExceptionHandler(TooManyStreamsException.class)
    ResponseEntity<ProblemDetail> tooManyStreams(TooManyStreamsException e, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> response = respond(problem(HttpStatus.SERVICE_UNAVAILABLE, "too-many-streams",
                "Too many event streams", e.getMessage()), request);
        return ResponseEntity.status(response.getStatusCode()).header(HttpHeaders.RETRY_AFTER, "5")
                .body(response.getBody());
    }
}
