package io.workspaces.common.eventstore;

import org.axonframework.messaging.Message;

/**
 * The metadata every event carries (§3): who acted, on which request, from where, and what caused it.
 * The keys are part of the stored format and never change.
 */
public final class EventMetadata {

    public static final String ACTOR = "actor";
    /** The platform roles the actor held (a sorted list of names), when any. */
    public static final String PLATFORM_ROLES = "platform_roles";
    public static final String REQUEST_ID = "request_id";
    public static final String CORRELATION_ID = "correlation_id";
    public static final String CAUSATION_ID = "causation_id";
    public static final String CLIENT_ADDRESS = "client_address";
    /** Only on the create command, never on events: lets a retried create return its first result. */
    public static final String IDEMPOTENCY_KEY = "idempotency_key";
    public static final String REQUEST_FINGERPRINT = "request_fingerprint";

    private EventMetadata() {
    }

    public static String actorOf(Message<?> message) {
        Object actor = message.getMetaData().get(ACTOR);
        return actor == null ? null : actor.toString();
    }
}
