package io.workspaces.query.webhook;

import java.util.UUID;

/**
 * A delivery a dispatcher holds under {@code leaseId} while it sends it: what to send where, signed with which
 * secret, and how many attempts it has had (in all, and before its current round).
 */
record ClaimedDelivery(UUID id, UUID subscriptionId, String eventId, long position, String envelope,
                              int attempts, int roundStart, String url, String secret, UUID leaseId) {

    /** The number of this attempt within the current round, from 1. */
    public int roundAttempt() {
        return attempts - roundStart + 1;
    }
}
