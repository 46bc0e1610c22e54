package io.workspaces.common.web;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code ETag} values and the conditional request headers of RFC 9110 (section 13.1). An ETag is the workspace
 * version in quotes, a strong validator: {@code "3"}. {@code If-Match} is {@code *} or a list of entity tags
 * compared strongly (a weak tag {@code W/"3"} never matches); {@code If-None-Match} is the same syntax compared
 * weakly ({@code W/"3"} matches version 3).
 */
public final class Preconditions {

    private static final String IF_MATCH_PROBLEM =
            "must be * or a comma-separated list of entity tags as sent in ETag, e.g. \"3\" or \"3\", \"4\"";

    private Preconditions() {
    }

    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /** One entity tag: its opaque part (between the quotes) and whether it is weak ({@code W/"..."}). */
    public record Tag(boolean weak, String opaque) {

        /** The version this tag names, or null when its opaque part is not one of our versions. */
        public Long version() {
            if (opaque.isEmpty() || opaque.length() > 18 || (opaque.length() > 1 && opaque.charAt(0) == '0')) {
                return null;
            }
            for (int i = 0; i < opaque.length(); i++) {
                if (opaque.charAt(i) < '0' || opaque.charAt(i) > '9') {
                    return null;
                }
            }
            return Long.parseLong(opaque);
        }
    }

    /**
     * A parsed {@code If-Match} or {@code If-None-Match}: {@code *} (any current representation) or a list of
     * entity tags.
     */
    public record Condition(boolean any, List<Tag> tags) {

        public Condition {
            tags = List.copyOf(tags);
        }

        /** If-Match: {@code *}, or a strong tag naming {@code version}. */
        public boolean matchesStrongly(long version) {
            return any || tags.stream().anyMatch(tag -> !tag.weak() && Long.valueOf(version).equals(tag.version()));
        }

        /** If-None-Match: {@code *}, or any tag, weak or strong, naming {@code version}. */
        public boolean matchesWeakly(long version) {
            return any || tags.stream().anyMatch(tag -> Long.valueOf(version).equals(tag.version()));
        }

        /** The versions the strong tags name, in the order given, without repeats: those If-Match accepts. */
        public List<Long> strongVersions() {
            return tags.stream().filter(tag -> !tag.weak()).map(Tag::version)
                    .filter(java.util.Objects::nonNull).distinct().toList();
        }
    }

    /**
     * {@code If-Match}: null when absent (or blank, as before lists were accepted); 422 when it is not {@code *}
     * or a list of entity tags. A tag that is well-formed but names no version of ours (e.g. {@code "abc"})
     * simply never matches (412).
     */
    public static Condition ifMatch(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        Condition condition = parse(header);
        if (condition == null) {
            throw InvalidRequestException.of("If-Match", IF_MATCH_PROBLEM);
        }
        return condition;
    }

    /** {@code If-None-Match}: null when absent or not well-formed (a GET then answers as if it were absent). */
    public static Condition ifNoneMatch(String header) {
        return header == null ? null : parse(header);
    }

    /** {@code "*"} or {@code #entity-tag} (RFC 9110): empty list elements are allowed; null when malformed. */
    static Condition parse(String header) {
        String value = header.strip();
        if (value.equals("*")) {
            return new Condition(true, List.of());
        }
        List<Tag> tags = new ArrayList<>();
        int i = 0;
        int length = value.length();
        while (i < length) {
            char c = value.charAt(i);
            if (c == ',' || c == ' ' || c == '\t') {
                i++;
                continue;
            }
            boolean weak = false;
            if (value.startsWith("W/", i)) {
                weak = true;
                i += 2;
            }
            if (i >= length || value.charAt(i) != '"') {
                return null;
            }
            int end = i + 1;
            while (end < length && value.charAt(end) != '"') {
                char e = value.charAt(end);
                // etagc = %x21 / %x23-7E / obs-text
                if (e < 0x21 || e == 0x7f || e > 0xff) {
                    return null;
                }
                end++;
            }
            if (end >= length) {
                return null;
            }
            tags.add(new Tag(weak, value.substring(i + 1, end)));
            i = end + 1;
            // after a tag: only optional whitespace, then a comma or the end
            while (i < length && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) {
                i++;
            }
            if (i < length && value.charAt(i) != ',') {
                return null;
            }
        }
        return tags.isEmpty() ? null : new Condition(false, tags);
    }
}
