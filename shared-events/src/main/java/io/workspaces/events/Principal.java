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
