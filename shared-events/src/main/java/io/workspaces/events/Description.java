package io.workspaces.events;

/**
 * A workspace description: at most 1000 characters (Unicode code points), no control characters (C0 or C1)
 * other than tab, line feed and carriage return, no bidirectional overrides and no line/paragraph separators.
 * NUL in particular is refused, because PostgreSQL cannot hold it in {@code jsonb} and the event log must
 * stay queryable as JSON.
 */
public record Description(String value) {

    public static final int MAX_LENGTH = 1000;
    public static final Description EMPTY = new Description("");

    public Description {
        String problem = problemWith(value);
        if (problem != null) {
            throw new InvalidValueException("description", problem);
        }
    }

    public static Description of(String value) {
        return value == null ? EMPTY : new Description(value);
    }

    public static String problemWith(String candidate) {
        if (candidate == null) {
            return "must not be null";
        }
        if (candidate.codePointCount(0, candidate.length()) > MAX_LENGTH) {
            return "must be at most " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < candidate.length(); i++) {
            char c = candidate.charAt(i);
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f)) {
                return "must not contain control characters";
            }
            if (isInvisibleFormatting(c)) {
                return "must not contain bidirectional overrides or line/paragraph separators";
            }
            if (Character.isSurrogate(c)) {
                boolean paired = Character.isHighSurrogate(c) && i + 1 < candidate.length()
                        && Character.isLowSurrogate(candidate.charAt(i + 1));
                if (!paired) {
                    return "must be valid Unicode (unpaired surrogate)";
                }
                i++;
            }
        }
        return null;
    }

    /**
     * Bidirectional embeddings, overrides and isolates make text display in an order other than it is stored
     * (a way to disguise content in audit views); line and paragraph separators break line-based exports.
     */
    private static boolean isInvisibleFormatting(char c) {
        return (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069) || c == 0x2028 || c == 0x2029;
    }

    @Override
    public String toString() {
        return value;
    }
}
