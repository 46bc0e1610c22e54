package io.workspaces.common.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.workspaces.events.InvalidValueException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every failure as RFC 9457 problem+json (docs/api.md): a stable {@code type}, a {@code title}, the {@code status},
 * a {@code detail} a person can act on, the {@code request_id}, and {@code errors} for invalid fields.
 * Nothing internal (stack traces, SQL, class names) reaches a response.
 *
 * <p>This advice answers what every endpoint shares (bad input, authentication, an unreachable database,
 * the unexpected); each side adds an advice of higher precedence for its own domain failures.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class ProblemResponses extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
    private static final String TYPE_PREFIX = "urn:problem-type:workspaces:";
    /** Jackson's report of a key given twice in one object (JsonParser.Feature.STRICT_DUPLICATE_DETECTION). */
    private static final Pattern DUPLICATE_KEY = Pattern.compile("^Duplicate field '(.*)'$", Pattern.DOTALL);
    private static final Pattern SHOWABLE_KEY = Pattern.compile("^[A-Za-z0-9_]{1,64}$");

    public static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_PREFIX + slug));
        problem.setTitle(title);
        return problem;
    }

    public static ProblemDetail payloadTooLarge(int limit) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, "payload-too-large", "Request body too large",
                "request bodies are limited to " + limit + " bytes here");
    }

    /** A request refused before it is looked at, e.g. for a control character in a header value. */
    public static ProblemDetail rejectedRequest() {
        return problem(HttpStatus.BAD_REQUEST, "request-rejected", "Request rejected",
                "the request holds characters the service does not accept (such as control characters in a header "
                        + "value or a parameter name) or a path it does not accept");
    }

    public static void decorate(ProblemDetail problem, HttpServletRequest request) {
        String requestId = RequestIdFilter.requestId(request);
        if (requestId != null) {
            problem.setProperty("request_id", requestId);
        }
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e, HttpServletRequest request) {
        return respond(invalidFields(e.errors()), request);
    }

    @ExceptionHandler(InvalidValueException.class)
    ResponseEntity<ProblemDetail> invalidValue(InvalidValueException e, HttpServletRequest request) {
        return respond(invalidFields(List.of(new FieldError(e.field(), e.problem()))), request);
    }

    /** The firewall's lazy checks, should one fire once a controller reads the request. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e, HttpServletRequest request) {
        return respond(rejectedRequest(), request);
    }

    @ExceptionHandler(UnauthenticatedException.class)
    ResponseEntity<ProblemDetail> unauthenticated(UnauthenticatedException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Authentication required", e.getMessage()),
                request);
    }

    @ExceptionHandler({CannotGetJdbcConnectionException.class, DataAccessResourceFailureException.class,
            TransientDataAccessException.class, CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(Exception e, HttpServletRequest request) {
        return unavailable(e, request);
    }

    /** 503 with Retry-After: the database cannot be reached right now; the request changed nothing. */
    public static ResponseEntity<ProblemDetail> unavailable(Throwable e, HttpServletRequest request) {
        log.warn("database unavailable handling {} {}: {}", request.getMethod(), request.getRequestURI(),
                Failures.describe(e));
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable",
                "the database is not reachable right now; retry shortly");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "2")
                .body(decorated(problem, request));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        if (Failures.isDatabaseUnavailable(e)) {
            return unavailable(e, request);
        }
        if (Failures.isReadOnlyDatabase(e)) {
            log.info("refused {} {} on a read-only database: {}", request.getMethod(), request.getRequestURI(),
                    Failures.describe(e));
            ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "read-only", "Read-only node",
                    "this node reads from a read-only replica and cannot make changes; send them to a node of the "
                            + "primary database");
            return respond(problem, request);
        }
        log.error("unexpected failure handling {} {}: {} (full detail at DEBUG)", request.getMethod(),
                request.getRequestURI(), Failures.describe(e));
        log.debug("unexpected failure detail", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the request failed unexpectedly; quote the request id when reporting it"), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        ProblemDetail problem = unreadable(e);
        return handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()), request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        if (body instanceof ProblemDetail problem && request instanceof ServletWebRequest servlet) {
            if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
                problem.setType(URI.create(TYPE_PREFIX + "http-" + status.value()));
            }
            decorate(problem, servlet.getRequest());
        }
        return super.createResponseEntity(body, headers, status, request);
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
            return payloadTooLarge(tooLarge.limit());
        }
        if (cause != null && cause.getCause() instanceof BodySizeLimitFilter.BodyTooLargeException tooLarge) {
            return payloadTooLarge(tooLarge.limit());
        }
        if (cause instanceof UnrecognizedPropertyException unknown) {
            String field = path(unknown);
            return invalidFields(List.of(new FieldError(field, "is not a known field")));
        }
        if (cause instanceof JsonParseException parse && parse.getOriginalMessage() != null) {
            Matcher duplicate = DUPLICATE_KEY.matcher(parse.getOriginalMessage());
            if (duplicate.matches()) {
                String key = duplicate.group(1);
                return invalidFields(List.of(new FieldError(SHOWABLE_KEY.matcher(key).matches() ? key : "body",
                        "appears more than once in the body; give each field once")));
            }
        }
        if (cause instanceof JsonParseException || cause instanceof JsonEOFException) {
            return problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                    "the request body is not well-formed JSON");
        }
        if (cause instanceof MismatchedInputException mismatch) {
            if (mismatch.getPath().isEmpty()) {
                return invalidFields(List.of(new FieldError("body", "must be a JSON object")));
            }
            return invalidFields(List.of(new FieldError(path(mismatch), "has the wrong type")));
        }
        if (cause instanceof JsonMappingException mapping && mapping.getCause() instanceof InvalidValueException iv) {
            return invalidFields(List.of(new FieldError(iv.field(), iv.problem())));
        }
        if (cause == null) {
            return problem(HttpStatus.BAD_REQUEST, "missing-body", "Request body required",
                    "this request needs a JSON body");
        }
        return problem(HttpStatus.BAD_REQUEST, "malformed-json", "Malformed JSON",
                "the request body could not be read as JSON");
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    public static ProblemDetail invalidFields(List<FieldError> errors) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_ENTITY, "invalid-request", "Invalid request",
                errors.stream().map(error -> error.field() + " " + error.message()).collect(Collectors.joining("; ")));
        problem.setProperty("errors", errors);
        return problem;
    }

    private static ProblemDetail decorated(ProblemDetail problem, HttpServletRequest request) {
        decorate(problem, request);
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException notAUri) {
            // leave instance out rather than echo a path that is not a valid URI
        }
        return problem;
    }

    /** The problem as a response, with the request id and the request path as {@code instance}. */
    public static ResponseEntity<ProblemDetail> respond(ProblemDetail problem, HttpServletRequest request) {
        return ResponseEntity.status(problem.getStatus()).body(decorated(problem, request));
    }
}
