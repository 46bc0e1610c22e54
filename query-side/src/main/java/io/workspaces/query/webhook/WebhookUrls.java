package io.workspaces.query.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Where webhooks may go: absolute http or https URLs with a host, without credentials or a fragment. */
public final class WebhookUrls {

    public static final int MAX_LENGTH = 2048;

    private WebhookUrls() {
    }

    /** Why {@code candidate} is not an acceptable webhook URL, or null if it is one. */
    public static String problemWith(String candidate) {
        if (candidate == null || candidate.isBlank()) {
            return "is required";
        }
        if (candidate.length() > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            return "must be a valid absolute URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return "must be an http or https URL";
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            return "must name a host";
        }
        if (uri.getRawUserInfo() != null) {
            return "must not contain credentials; authenticate the sender by its signature";
        }
        if (uri.getRawFragment() != null) {
            return "must not contain a fragment";
        }
        return null;
    }
}
