package io.workspaces.common.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach a controller (rejected by the servlet container, thrown in a filter) still answer
 * problem+json, without the container's HTML page or any exception text.
 */
@Hidden
@RestController
class ProblemErrorController implements ErrorController {

    @RequestMapping(path = "/error", produces = MediaType.APPLICATION_PROBLEM_JSON_VALUE)
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.INTERNAL_SERVER_ERROR;
        if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof BodySizeLimitFilter.BodyTooLargeException) {
            status = HttpStatus.PAYLOAD_TOO_LARGE;
        }
        ProblemDetail problem = ProblemResponses.problem(status, status.is5xxServerError() ? "internal" : "http-" + status.value(),
                status.getReasonPhrase(), status.is5xxServerError()
                        ? "the request failed unexpectedly; quote the request id when reporting it"
                        : "the request was refused: " + status.getReasonPhrase().toLowerCase());
        ProblemResponses.decorate(problem, request);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
