package io.workspaces.query.webhook;

/** A redelivery of a delivery that is still pending; answered 409. */
class RedeliveryConflictException extends RuntimeException {
    public RedeliveryConflictException(String message) {
        super(message, null, false, false);
    }
}
