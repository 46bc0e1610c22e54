package io.workspaces.query.projection;

import io.workspaces.common.web.Failures;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.ListenerInvocationErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A projection that fails on an event stops there and retries it (with back-off) until it succeeds: a read
 * model must never skip an event. The failure is logged as one line without SQL or stack trace; the
 * exception handed to the processor carries neither, so the processor's own retry log stays clean too.
 */
public class RetryingProjectionErrors implements ListenerInvocationErrorHandler {

    private static final Logger log = LoggerFactory.getLogger(RetryingProjectionErrors.class);

    private final String projection;

    public RetryingProjectionErrors(String projection) {
        this.projection = projection;
    }

    @Override
    public void onError(Exception exception, EventMessage<?> event, EventMessageHandler eventHandler) {
        String position = event instanceof TrackedEventMessage<?> tracked
                ? tracked.trackingToken().position().stream().mapToObj(Long::toString).findFirst().orElse("?") : "?";
        String failure = Failures.describe(exception);
        log.warn("projection {} failed to apply event {} at position {}: {}; it will retry from there "
                + "(full detail at DEBUG)", projection, event.getIdentifier(), position, failure);
        log.debug("projection failure detail", exception);
        throw new ProjectionFailedException(projection + " failed at position " + position + ": " + failure);
    }

    /** Stack-less on purpose: what matters is already in its message. */
    static class ProjectionFailedException extends RuntimeException {
        ProjectionFailedException(String message) {
            super(message, null, false, false);
        }
    }
}
