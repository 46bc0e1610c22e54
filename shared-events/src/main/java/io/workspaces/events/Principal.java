package io.workspaces.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Who acts or holds a role: the {@code sub} of the caller's credentials, or {@code *} for every
 * authenticated caller. Visible ASCII only, at most 255 characters, and none of the characters
 * that would break a URL path segment ({@code / \ ? # %}), so every principal can appear in
 * {@code /members/{principal}} unescaped.
 */
public record Principal(String value) {

    public static final Principal EVERYONE = new Principal("*");
    /** The actor of changes the service makes by itself, such as creating the built-in workspaces. */
    public static final Principal SYSTEM = new Principal("system:workspaces");
    /**
     * Principals starting with this (in any case) belong to the service: no credential may claim one and no one
     * can make one a member. {@link #SYSTEM} is the only one in use.
     */
    public static final String RESERVED_PREFIX = "system:";

    public Principal {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidValueException("principal", problem);
        }
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Principal of(String value) {
        return new Principal(value);
    }

    public static String problemWith(String candidate) {
        if (candidate == null || candidate.isEmpty()) {
            return "must not be empty";
        }
        if (candidate.length() > 255) {
            return "must be at most 255 characters";
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return "must contain visible ASCII characters only (no spaces, control or non-ASCII characters)";
            }
            if (c == '/' || c == '\\' || c == '?' || c == '#' || c == '%') {
                return "must not contain / \\ ? # or %";
            }
        }
        return null;
    }

    /** True for a principal of the service itself ({@value #RESERVED_PREFIX}...), which callers cannot use. */
    public static boolean isReserved(String candidate) {
        return candidate != null && candidate.regionMatches(true, 0, RESERVED_PREFIX, 0, RESERVED_PREFIX.length());
    }

    /** Why a caller cannot name {@code candidate} as a member or as itself, or null when it can. */
    public static String reservedProblem(String candidate) {
        return isReserved(candidate) ? "must not start with '" + RESERVED_PREFIX + "', which is reserved for the service"
                : null;
    }

    public boolean isEveryone() {
        return EVERYONE.value.equals(value);
    }

    @JsonValue
    @Override
    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
