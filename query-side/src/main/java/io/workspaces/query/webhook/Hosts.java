package io.workspaces.query.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** How a host is written: a name, an IP address literal, or a number in one of the spellings resolvers accept. */
final class Hosts {

    private static final Pattern NAME = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*\\.?");
    /** A label of inet_aton's number forms: decimal, octal (leading 0) or hexadecimal (0x). */
    private static final Pattern NUMBER_LABEL = Pattern.compile("0x[0-9a-f]*|[0-9]+");
    private static final Pattern DOTTED_QUAD = Pattern.compile(
            "(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})\\.(0|[1-9][0-9]{0,2})");

    private Hosts() {
    }

    /** Lower case, without IPv6 brackets or a trailing dot. */
    static String normalise(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            return lower.substring(1, lower.length() - 1);
        }
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    /**
     * Whether a (normalised) host is all numbers, as in 2130706433, 0x7f.1, 017700000001 or 127.1: a resolver reads
     * such a host as an IPv4 address, often not the one a reader expects. Only four plain decimal numbers are
     * accepted as an IPv4 address; see {@link #ipv4(String)}.
     */
    static boolean isNumeric(String host) {
        if (host.isEmpty()) {
            return false;
        }
        for (String label : host.split("\\.", -1)) {
            if (!NUMBER_LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return true;
    }

    /** A (normalised) host that is a host name, not a number. */
    static boolean isName(String host) {
        return NAME.matcher(host).matches() && !isNumeric(host);
    }

    /** The IPv4 address of four decimal numbers from 0 to 255 without leading zeros, without asking DNS. */
    static Optional<InetAddress> ipv4(String host) {
        var quad = DOTTED_QUAD.matcher(host);
        if (!quad.matches()) {
            return Optional.empty();
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            int value = Integer.parseInt(quad.group(i + 1));
            if (value > 255) {
                return Optional.empty();
            }
            bytes[i] = (byte) value;
        }
        return Optional.of(address(bytes));
    }

    /** The IPv6 address of a (normalised) literal, without asking DNS; empty if it is not one. */
    static Optional<InetAddress> ipv6(String host) {
        if (!host.contains(":") || !host.matches("[0-9a-f:.]+")) {
            return Optional.empty();
        }
        try {
            // in brackets, a string is parsed as an IPv6 literal and never looked up
            return Optional.of(InetAddress.getByName("[" + host + "]"));
        } catch (UnknownHostException notALiteral) {
            return Optional.empty();
        }
    }

    /** The address of a (normalised) IPv4 or IPv6 literal; empty for anything else. */
    static Optional<InetAddress> literal(String host) {
        return ipv4(host).or(() -> ipv6(host));
    }

    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException cannotHappen) {
            throw new IllegalArgumentException("an address has 4 or 16 bytes");
        }
    }
}
