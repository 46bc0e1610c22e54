package io.workspaces.query.webhook;

/** No webhook subscription (or no delivery of it) has this id; answered 404. */
class WebhookNotFoundException extends RuntimeException {
    public WebhookNotFoundException(String message) {
        super(message, null, false, false);
    }
}
