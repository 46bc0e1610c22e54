package io.workspaces.query.webhook;

import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription as a client creates or replaces it: where to send ({@code url}), the signing
 * {@code secret} (generated when left out on create, kept when left out on replace), which event types
 * (none: all) of which workspace (none: all), and a description for people.
 */
record SubscriptionRequest(String url, String secret, List<String> eventTypes, UUID workspaceId,
                                  String description) {
}
