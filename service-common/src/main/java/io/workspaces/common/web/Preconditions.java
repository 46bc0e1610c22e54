package io.workspaces.common.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ETag} values and {@code If-Match} parsing: an ETag is the workspace version in quotes. */
public final class Preconditions {

    private static final Pattern ETAG = Pattern.compile("^\\s*(?:W/)?\"(\\d{1,18})\"\\s*$");

    private Preconditions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** The version an If-Match header requires, or null when there is no condition ({@code *} or absent). */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        Matcher matcher = ETAG.matcher(ifMatch);
        if (!matcher.matches()) {
            throw InvalidRequestException.of("If-Match", "must be one ETag as sent in ETag, e.g. \"3\", or *");
        }
        return Long.parseLong(matcher.group(1));
    }
}
