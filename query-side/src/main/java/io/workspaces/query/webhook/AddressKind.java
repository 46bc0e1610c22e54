package io.workspaces.query.webhook;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * The kinds of address a webhook must not reach unless the operator allows it, and how to tell them. An IPv6
 * address that carries an IPv4 address (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible {@code ::a.b.c.d},
 * IPv4-translated {@code ::ffff:0:a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d}, 6to4 {@code 2002:aabb:ccdd::}) is
 * judged by the IPv4 address it leads to.
 */
enum AddressKind {
    /** 0.0.0.0/8 and {@code ::}: on many systems a connection to them reaches the machine itself. */
    UNSPECIFIED("an unspecified address", false),
    LOOPBACK("a loopback address", true),
    /** RFC 1918 and the deprecated IPv6 site-local fec0::/10. */
    PRIVATE("a private address", true),
    /** 100.64.0.0/10, carrier-grade NAT; some clouds serve instance metadata from it. */
    SHARED("a shared (carrier-grade NAT) address", true),
    /** 169.254.0.0/16 (instance metadata at 169.254.169.254) and fe80::/10. */
    LINK_LOCAL("a link-local address", true),
    /** fc00::/7. */
    UNIQUE_LOCAL("a unique-local address", true),
    /**
     * Special-purpose blocks that are not on the public internet: 192.0.0.0/24 (protocol assignments; a cloud
     * metadata service lives there), 198.18.0.0/15 (benchmarking), 240.0.0.0/4 (reserved), 100::/64 (discard),
     * 64:ff9b:1::/48 (local NAT64), Teredo 2001::/32, and IPv4-compatible addresses of public ones (deprecated).
     */
    SPECIAL_PURPOSE("a special-purpose address", true),
    MULTICAST("a multicast address", false),
    BROADCAST("the broadcast address", false);

    private final String description;
    private final boolean admittable;

    AddressKind(String description, boolean admittable) {
        this.description = description;
        this.admittable = admittable;
    }

    /** For operators' logs: "a loopback address". */
    String description() {
        return description;
    }

    /** Whether the operator's allow-list can admit it; an unspecified, multicast or broadcast address never is. */
    boolean admittable() {
        return admittable;
    }

    /** The kind of {@code address}, or empty if it is a public unicast address. */
    static Optional<AddressKind> of(InetAddress address) {
        byte[] bytes = address.getAddress();
        return Optional.ofNullable(bytes.length == 4 ? ofIpv4(bytes) : ofIpv6(bytes));
    }

    /** The IPv4 address an IPv6 address leads to (see the class comment), if it carries one. */
    static Optional<Inet4Address> embeddedIpv4(InetAddress address) {
        byte[] carried = carriedIpv4(address.getAddress());
        if (carried == null) {
            return Optional.empty();
        }
        try {
            return Optional.of((Inet4Address) InetAddress.getByAddress(carried));
        } catch (UnknownHostException cannotHappen) {
            throw new IllegalStateException(cannotHappen);
        }
    }

    private static byte[] carriedIpv4(byte[] b) {
        if (b.length != 16) {
            return null;
        }
        int from;
        if (zero(b, 0, 10) && (b[10] & b[11] & 0xff) == 0xff                       // ::ffff:a.b.c.d, mapped
                || zero(b, 0, 12)                                                    // ::a.b.c.d, compatible
                || zero(b, 0, 8) && (b[8] & b[9] & 0xff) == 0xff && zero(b, 10, 12) // ::ffff:0:a.b.c.d, translated
                || isNat64(b)) {                                                     // 64:ff9b::a.b.c.d
            from = 12;
        } else if (b[0] == 0x20 && b[1] == 0x02) {                                  // 2002:aabb:ccdd::/48, 6to4
            from = 2;
        } else {
            return null;
        }
        return new byte[]{b[from], b[from + 1], b[from + 2], b[from + 3]};
    }

    private static AddressKind ofIpv4(byte[] b) {
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        if (first == 0) {
            return UNSPECIFIED;
        }
        if (first == 127) {
            return LOOPBACK;
        }
        if (first == 10 || first == 172 && second >= 16 && second < 32 || first == 192 && second == 168) {
            return PRIVATE;
        }
        if (first == 100 && second >= 64 && second < 128) {
            return SHARED;
        }
        if (first == 169 && second == 254) {
            return LINK_LOCAL;
        }
        if (first >= 224 && first < 240) {
            return MULTICAST;
        }
        if ((b[0] & b[1] & b[2] & b[3] & 0xff) == 0xff) {
            return BROADCAST;
        }
        if (first == 192 && second == 0 && b[2] == 0 || first == 198 && (second == 18 || second == 19)
                || first >= 240) {
            return SPECIAL_PURPOSE;
        }
        return null;
    }

    private static AddressKind ofIpv6(byte[] b) {
        if (zero(b, 0, 16)) {
            return UNSPECIFIED;
        }
        if (zero(b, 0, 15) && b[15] == 1) {
            return LOOPBACK;
        }
        int first = b[0] & 0xff;
        int second = b[1] & 0xff;
        byte[] ipv4 = carriedIpv4(b);
        if (ipv4 != null) {
            AddressKind carried = ofIpv4(ipv4);
            boolean compatible = zero(b, 0, 12);
            return carried == null && compatible ? SPECIAL_PURPOSE : carried;
        }
        if (first == 0x00 && second == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && b[4] == 0
                && b[5] == 1) {
            return SPECIAL_PURPOSE; // 64:ff9b:1::/48
        }
        if (first == 0x20 && second == 0x01 && b[2] == 0 && b[3] == 0) {
            return SPECIAL_PURPOSE; // Teredo
        }
        if (first == 0x01 && second == 0 && zero(b, 2, 8)) {
            return SPECIAL_PURPOSE; // 100::/64
        }
        if ((first & 0xfe) == 0xfc) {
            return UNIQUE_LOCAL;
        }
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return LINK_LOCAL;
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return PRIVATE;
        }
        if (first == 0xff) {
            return MULTICAST;
        }
        return null;
    }

    private static boolean isNat64(byte[] b) {
        return b[0] == 0 && b[1] == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b && zero(b, 4, 12);
    }

    private static boolean zero(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
