package io.workspaces.client.model;

import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription as created or replaced: where to send, the signing secret (null: generated on create,
 * kept on replace), which event types (null: all) of which workspace (null: all), and a description.
 */
public record WebhookRequest(String url, String secret, List<String> eventTypes, UUID workspaceId, String description) {

    public static WebhookRequest to(String url) {
        return new WebhookRequest(url, null, null, null, null);
    }

    public WebhookRequest secret(String value) {
        return new WebhookRequest(url, value, eventTypes, workspaceId, description);
    }

    public WebhookRequest eventTypes(List<String> value) {
        return new WebhookRequest(url, secret, value, workspaceId, description);
    }

    public WebhookRequest workspaceId(UUID value) {
        return new WebhookRequest(url, secret, eventTypes, value, description);
    }

    public WebhookRequest description(String value) {
        return new WebhookRequest(url, secret, eventTypes, workspaceId, value);
    }
}
