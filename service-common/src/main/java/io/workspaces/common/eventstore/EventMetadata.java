package io.workspaces.common.eventstore;

import org.axonframework.messaging.Message;

/**
 * The metadata every event carries (docs/domain.md): who acted, on which request, from where, and what caused it.
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
    /**
     * An event's own global position, added when a processor reads it (never stored):
     * see {@link PositionedJdbcEventStorageEngine}.
     */
    public static final String GLOBAL_POSITION = "global_position";
    /** Only on the create command, never on events: lets a retried create return its first result. */
    public static final String IDEMPOTENCY_KEY = "idempotency_key";
    public static final String REQUEST_FINGERPRINT = "request_fingerprint";

    private EventMetadata() {
    }

    /** The event's own global position, when it was read by a processor. */
    public static java.util.OptionalLong positionOf(Message<?> message) {
        Object position = message.getMetaData().get(GLOBAL_POSITION);
        return position instanceof Number number ? java.util.OptionalLong.of(number.longValue())
                : java.util.OptionalLong.empty();
    }

    public static String actorOf(Message<?> message) {
        Object actor = message.getMetaData().get(ACTOR);
        return actor == null ? null : actor.toString();
    }
}
