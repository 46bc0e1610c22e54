package io.workspaces.cli;

/** What may safely reach a terminal: text from the service never carries control sequences to it. */
final class Terminal {

    private Terminal() {
    }

    /** Control characters (C0, DEL, C1) and bidirectional overrides become a space or '?'. */
    static String clean(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(' ');
            } else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0x202a && c <= 0x202e)
                    || (c >= 0x2066 && c <= 0x2069)) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** {@link #clean} and at most {@code max} characters (ending in "..." when cut). */
    static String cell(String text, int max) {
        String clean = clean(text);
        return clean.length() <= max ? clean : clean.substring(0, Math.max(0, max - 3)) + "...";
    }
}
