package io.workspaces.query.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where webhooks may go, as far as the URL alone tells: absolute http or https URLs with a host, without
 * credentials or a fragment, and with an IPv4 address only as four decimal numbers. Where the host leads is for
 * {@link WebhookAddressPolicy} to judge.
 */
final class WebhookUrls {

    static final int MAX_LENGTH = 2048;

    /** A URL taken apart: its host normalised (see {@link Hosts#normalise}) and its port, the scheme's by default. */
    record Target(URI uri, String scheme, String host, int port) {
    }

    /** Either a target or why the URL is not acceptable. */
    record Parsed(Target target, String problem) {
    }

    private WebhookUrls() {
    }

    /** The URL taken apart, or why {@code candidate} is not an acceptable webhook URL. */
    static Parsed parse(String candidate) {
        if (candidate == null || candidate.isBlank()) {
            return refused("is required");
        }
        if (candidate.length() > MAX_LENGTH) {
            return refused("must be at most " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(candidate);
        } catch (URISyntaxException e) {
            return refused("must be a valid absolute URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return refused("must be an http or https URL");
        }
        if (uri.getRawUserInfo() != null || uri.getRawAuthority() != null && uri.getRawAuthority().contains("@")) {
            return refused("must not contain credentials; authenticate the sender by its signature");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // java.net.URI leaves the host out when it is not a valid name or dotted quad, e.g. 2130706433 or 127.1
            return isNumeric(authorityHost(uri)) ? refused(numericProblem()) : refused("must name a host");
        }
        String host = Hosts.normalise(uri.getHost());
        if (Hosts.isNumeric(host) && Hosts.ipv4(host).isEmpty()) {
            return refused(numericProblem());
        }
        if (uri.getRawFragment() != null) {
            return refused("must not contain a fragment");
        }
        int port = uri.getPort() >= 0 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        return new Parsed(new Target(uri, scheme, host, port), null);
    }

    private static String authorityHost(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return "";
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    private static boolean isNumeric(String host) {
        return Hosts.isNumeric(Hosts.normalise(host));
    }

    private static String numericProblem() {
        return "must write an IPv4 address as four decimal numbers from 0 to 255 without leading zeros (a.b.c.d)";
    }

    private static Parsed refused(String problem) {
        return new Parsed(null, problem);
    }
}
