package io.workspaces.command.web;

import io.workspaces.command.workspace.ConflictingWriteException;
import io.workspaces.command.workspace.LastAdminException;
import io.workspaces.command.workspace.NotAMemberException;
import io.workspaces.command.workspace.BuiltInWorkspaceException;
import io.workspaces.command.workspace.ForbiddenException;
import io.workspaces.command.workspace.IdempotencyKeyInUseException;
import io.workspaces.command.workspace.NameTakenException;
import io.workspaces.command.workspace.VersionMismatchException;
import io.workspaces.command.workspace.WorkspaceNotEmptyException;
import io.workspaces.command.workspace.WorkspaceNotFoundException;
import io.workspaces.command.workspace.WorkspaceRuleViolation;
import io.workspaces.common.web.Failures;
import io.workspaces.common.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.HandlerMapping;

import java.util.Map;

import static io.workspaces.common.web.ProblemResponses.problem;
import static io.workspaces.common.web.ProblemResponses.respond;

/** The command side's rule violations and write conflicts as problem+json (the failure columns of docs/api.md). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CommandProblems {

    private static final Logger log = LoggerFactory.getLogger(CommandProblems.class);

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e, HttpServletRequest request) {
        return respond(notFound(request), request);
    }

    @ExceptionHandler(ConflictingWriteException.class)
    ResponseEntity<ProblemDetail> conflictingWrite(ConflictingWriteException e, HttpServletRequest request) {
        return respond(e.conditional()
                ? problem(HttpStatus.PRECONDITION_FAILED, "version-mismatch", "Version mismatch", e.getMessage())
                : problem(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                e.getMessage() + "; retry the request"), request);
    }

    @ExceptionHandler(WorkspaceRuleViolation.class)
    ResponseEntity<ProblemDetail> ruleViolation(WorkspaceRuleViolation e, HttpServletRequest request) {
        if (e instanceof WorkspaceNotFoundException) {
            return respond(notFound(request), request);
        }
        return respond(forRule(e), request);
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<ProblemDetail> commandFailed(CommandExecutionException e, HttpServletRequest request) {
        if (e.getCause() instanceof WorkspaceRuleViolation violation) {
            return ruleViolation(violation, request);
        }
        if (Failures.isDatabaseUnavailable(e)) {
            return ProblemResponses.unavailable(e, request);
        }
        log.error("command failed handling {} {}: {} (full detail at DEBUG)", request.getMethod(),
                request.getRequestURI(), Failures.describe(e));
        log.debug("command failure detail", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "Internal error",
                "the request failed unexpectedly; quote the request id when reporting it"), request);
    }

    private static ProblemDetail forRule(WorkspaceRuleViolation e) {
        if (e instanceof ForbiddenException) {
            return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
        }
        if (e instanceof NameTakenException) {
            return problem(HttpStatus.CONFLICT, "name-taken", "Name taken", e.getMessage());
        }
        if (e instanceof WorkspaceNotEmptyException notEmpty) {
            ProblemDetail problem = problem(HttpStatus.CONFLICT, "workspace-not-empty", "Workspace not empty",
                    e.getMessage());
            problem.setProperty("entity_counts", notEmpty.entityCounts());
            return problem;
        }
        if (e instanceof BuiltInWorkspaceException) {
            return problem(HttpStatus.CONFLICT, "built-in-workspace", "Built-in workspace", e.getMessage());
        }
        if (e instanceof LastAdminException) {
            return problem(HttpStatus.CONFLICT, "last-admin", "Last admin", e.getMessage());
        }
        if (e instanceof NotAMemberException) {
            return problem(HttpStatus.NOT_FOUND, "not-a-member", "Not a member", e.getMessage());
        }
        if (e instanceof VersionMismatchException mismatch) {
            ProblemDetail problem = problem(HttpStatus.PRECONDITION_FAILED, "version-mismatch", "Version mismatch",
                    e.getMessage());
            problem.setProperty("current_version", mismatch.currentVersion());
            return problem;
        }
        if (e instanceof IdempotencyKeyInUseException) {
            return problem(HttpStatus.CONFLICT, "idempotency-key-in-use", "Idempotency-Key in use", e.getMessage());
        }
        return problem(HttpStatus.CONFLICT, "rule-violation", "Rule violation", e.getMessage());
    }

    /**
     * One answer for every workspace that is missing, deleted or hidden from the caller, quoting the reference
     * as the caller gave it, so that nothing tells these cases apart or reveals a hidden workspace's id.
     */
    private static ProblemDetail notFound(HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "workspace-not-found", "Workspace not found",
                "no workspace '" + refAsGiven(request) + "'");
    }

    private static String refAsGiven(HttpServletRequest request) {
        Object variables = request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables instanceof Map<?, ?> map && map.get("ref") instanceof String ref) {
            return ref;
        }
        return "";
    }
}
