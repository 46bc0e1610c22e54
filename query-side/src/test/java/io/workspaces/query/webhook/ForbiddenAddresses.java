package io.workspaces.query.webhook;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Generated addresses a webhook must not reach, and the ways a URL can write them: dotted quads, numbers as
 * resolvers read them (2130706433, 0x7f.1, 017700000001, 127.1...), and IPv6 forms that carry an IPv4 address
 * (IPv4-mapped, -compatible, -translated, NAT64, 6to4).
 */
final class ForbiddenAddresses {

    /** An IPv4 block: its first address and prefix length. */
    private record Block(int network, int prefixLength) {
        Arbitrary<byte[]> addresses() {
            int hostBits = 32 - prefixLength;
            Arbitrary<Integer> host = hostBits == 32 ? Arbitraries.integers()
                    : Arbitraries.integers().between(0, (int) ((1L << hostBits) - 1));
            return host.map(offset -> bytes(network | offset));
        }
    }

    private static final List<Block> IPV4_BLOCKS = List.of(
            block("0.0.0.0", 8), block("10.0.0.0", 8), block("100.64.0.0", 10), block("127.0.0.0", 8),
            block("169.254.0.0", 16), block("172.16.0.0", 12), block("192.0.0.0", 24), block("192.168.0.0", 16),
            block("198.18.0.0", 15), block("224.0.0.0", 4), block("240.0.0.0", 4));

    private ForbiddenAddresses() {
    }

    /** Four bytes of a forbidden IPv4 address. */
    static Arbitrary<byte[]> ipv4() {
        return Arbitraries.oneOf(Arbitraries.oneOf(IPV4_BLOCKS.stream().map(Block::addresses).toList()),
                Arbitraries.of(bytes(0x7f000001), bytes(0xa9fea9fe), bytes(0xffffffff), bytes(0), bytes(0x64646464)));
    }

    /** Sixteen bytes of an IPv6 address forbidden in itself (not by an IPv4 address it carries). */
    static Arbitrary<byte[]> ipv6() {
        return Arbitraries.oneOf(
                Arbitraries.of(ipv6("::1"), ipv6("::"), ipv6("fd00:ec2::254")),
                prefixed(ipv6("fe80::"), 10), prefixed(ipv6("fc00::"), 7), prefixed(ipv6("fec0::"), 10),
                prefixed(ipv6("ff00::"), 8), prefixed(ipv6("64:ff9b:1::"), 48), prefixed(ipv6("2001::"), 32),
                prefixed(ipv6("100::"), 64));
    }

    /** A forbidden address as the resolver may answer it: IPv4, IPv6, or IPv6 carrying a forbidden IPv4. */
    static Arbitrary<InetAddress> resolved() {
        return Arbitraries.oneOf(ipv4().map(ForbiddenAddresses::address), ipv6().map(ForbiddenAddresses::address),
                Combinators.combine(ipv4(), Arbitraries.of(Carrier.values())).as((v4, carrier) ->
                        address(carrier.embed(v4))));
    }

    /** A URL host (brackets included for IPv6) that writes a forbidden address in any accepted or odd form. */
    static Arbitrary<String> urlHosts() {
        return Arbitraries.oneOf(
                ipv4().map(ForbiddenAddresses::dotted),
                ipv6().map(v6 -> "[" + address(v6).getHostAddress() + "]"),
                Combinators.combine(ipv4(), Arbitraries.of(Carrier.values())).as((v4, carrier) ->
                        "[" + carrier.write(v4) + "]"),
                Combinators.combine(ipv4(), Arbitraries.of(Numeric.values())).as((v4, numeric) ->
                        numeric.write(v4)));
    }

    /** Whether {@code host} is a dotted quad or an IPv6 literal (not an odd number). */
    static boolean isStandardSpelling(String host) {
        return host.startsWith("[") || host.matches("(0|[1-9][0-9]*)(\\.(0|[1-9][0-9]*)){3}");
    }

    /** IPv6 addresses that carry an IPv4 address. */
    enum Carrier {
        MAPPED {
            String write(byte[] v4) {
                return "::ffff:" + dotted(v4);
            }
        },
        MAPPED_HEX {
            String write(byte[] v4) {
                return "::ffff:" + hexGroups(v4);
            }
        },
        COMPATIBLE {
            String write(byte[] v4) {
                return "::" + dotted(v4);
            }
        },
        TRANSLATED {
            String write(byte[] v4) {
                return "::ffff:0:" + dotted(v4);
            }
        },
        NAT64 {
            String write(byte[] v4) {
                return "64:ff9b::" + hexGroups(v4);
            }
        },
        SIX_TO_FOUR {
            String write(byte[] v4) {
                return "2002:" + hexGroups(v4) + "::1";
            }
        };

        abstract String write(byte[] v4);

        /** The address's bytes; Java turns an IPv4-mapped address into the IPv4 one, as a resolver's answer would. */
        byte[] embed(byte[] v4) {
            byte[] parsed = address(write(v4)).getAddress();
            return parsed.length == 16 ? parsed : mappedBytes(v4);
        }
    }

    /** Numbers a resolver reads as IPv4 addresses, none of them a plain dotted quad. */
    enum Numeric {
        DECIMAL {
            String write(byte[] v4) {
                return Long.toString(unsigned(v4));
            }
        },
        HEX {
            String write(byte[] v4) {
                return "0x" + Long.toHexString(unsigned(v4));
            }
        },
        OCTAL {
            String write(byte[] v4) {
                return "0" + Long.toOctalString(unsigned(v4));
            }
        },
        TWO_PARTS { // 127.1
            String write(byte[] v4) {
                return (v4[0] & 0xff) + "." + (unsigned(v4) & 0xffffff);
            }
        },
        THREE_PARTS_HEX { // 0x7f.0.1
            String write(byte[] v4) {
                return "0x" + Integer.toHexString(v4[0] & 0xff) + "." + (v4[1] & 0xff) + "."
                        + (unsigned(v4) & 0xffff);
            }
        },
        OCTAL_DOTTED { // 0177.0.0.01
            String write(byte[] v4) {
                return "0" + Integer.toOctalString(v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff)
                        + ".0" + Integer.toOctalString(v4[3] & 0xff);
            }
        },
        LEADING_ZEROS { // 127.000.000.001
            String write(byte[] v4) {
                return String.format(Locale.ROOT, "%03d.%03d.%03d.%03d", v4[0] & 0xff, v4[1] & 0xff, v4[2] & 0xff,
                        v4[3] & 0xff);
            }
        };

        abstract String write(byte[] v4);
    }

    static String dotted(byte[] v4) {
        return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff);
    }

    static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Arbitrary<byte[]> prefixed(byte[] network, int prefixLength) {
        return Arbitraries.bytes().array(byte[].class).ofSize(16).map(random -> {
            byte[] address = random.clone();
            for (int bit = 0; bit < prefixLength; bit++) {
                int mask = 0x80 >>> (bit % 8);
                address[bit / 8] = (byte) ((address[bit / 8] & ~mask) | (network[bit / 8] & mask));
            }
            return address;
        });
    }

    private static byte[] ipv6(String literal) {
        return address(literal).getAddress();
    }

    private static InetAddress address(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static byte[] mappedBytes(byte[] v4) {
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(v4, 0, mapped, 12, 4);
        return mapped;
    }

    private static String hexGroups(byte[] v4) {
        return Integer.toHexString(((v4[0] & 0xff) << 8) | (v4[1] & 0xff)) + ":"
                + Integer.toHexString(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
    }

    private static long unsigned(byte[] v4) {
        return ((long) (v4[0] & 0xff) << 24) | ((v4[1] & 0xff) << 16) | ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
    }

    private static byte[] bytes(int address) {
        return new byte[]{(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    private static Block block(String network, int prefixLength) {
        byte[] b = address(network).getAddress();
        return new Block(((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff),
                prefixLength);
    }
}
