package io.workspaces.query.webhook;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import static io.workspaces.common.web.ProblemResponses.problem;
import static io.workspaces.common.web.ProblemResponses.respond;

/** The webhook API's own failures as problem+json. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebhookProblems {

    @ExceptionHandler(WebhookNotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(WebhookNotFoundException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.NOT_FOUND, "webhook-not-found", "Not found", e.getMessage()), request);
    }

    @ExceptionHandler(RedeliveryConflictException.class)
    ResponseEntity<ProblemDetail> conflict(RedeliveryConflictException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONFLICT, "delivery-pending", "Delivery still pending", e.getMessage()),
                request);
    }
}
