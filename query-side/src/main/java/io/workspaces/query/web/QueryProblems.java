package io.workspaces.query.web;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.SocketTimeoutException;
import java.util.Set;

import static io.workspaces.common.web.ProblemResponses.problem;
import static io.workspaces.common.web.ProblemResponses.respond;

/** The query side's own failures as problem+json. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class QueryProblems {

    private static final Logger log = LoggerFactory.getLogger(QueryProblems.class);

    /**
     * The query side's own failures (workspace, entity or projection not found, forbidden, rebuild refused, read
     * models behind, too many exports): each says its status, type and title, and whether to retry after a while.
     */
    @ExceptionHandler(ProblemException.class)
    ResponseEntity<ProblemDetail> queryProblem(ProblemException e, HttpServletRequest request) {
        ProblemDetail problem = problem(e.status(), e.type(), e.title(), e.getMessage());
        e.describe(problem);
        ResponseEntity<ProblemDetail> response = respond(problem, request);
        if (e.retryAfter() == null) {
            return response;
        }
        return ResponseEntity.status(response.getStatusCode()).header(HttpHeaders.RETRY_AFTER, e.retryAfter())
                .body(response.getBody());
    }

    /**
     * A method a route does not serve: 405 with Allow. A write (POST, PUT, PATCH, DELETE) to the API is most
     * likely meant for the command side, which the answer says.
     */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(HttpRequestMethodNotSupportedException e,
                                                   HttpServletRequest request) {
        String method = e.getMethod();
        boolean write = Set.of("POST", "PUT", "PATCH", "DELETE").contains(method);
        String detail = write && request.getRequestURI().startsWith("/v1/")
                ? "the query side does not accept " + method + " here: it serves reads; create, change and delete "
                        + "workspaces, members and entities through the command side (WORKSPACES_COMMAND_PORT, 8081 "
                        + "by default)"
                : "this route does not accept " + method;
        ResponseEntity<ProblemDetail> response = respond(problem(HttpStatus.METHOD_NOT_ALLOWED, "http-405",
                "Method Not Allowed", detail), request);
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers).body(response.getBody());
    }

    /**
     * The server's write timeout ended a streamed response (an SSE stream, an audit export) whose client stopped
     * reading: the answer had begun, so there is nothing left to say, and nothing went wrong on this side.
     */
    @ExceptionHandler(SocketTimeoutException.class)
    ResponseEntity<Void> clientStoppedReading(SocketTimeoutException e, HttpServletRequest request) {
        log.debug("{} {} ended by the write timeout: the client stopped reading", request.getMethod(),
                request.getRequestURI());
        return null;
    }
}
