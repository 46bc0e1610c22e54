package io.workspaces.query.broker;

/**
 * A batch could not be published and confirmed; the publisher stops at its first event and retries. Stack-less
 * on purpose: the processor logs it, and its message already says what matters.
 */
class BrokerUnavailableException extends RuntimeException {
    public BrokerUnavailableException(String message) {
        super(message, null, false, false);
    }
}
