package io.workspaces.query.webhook;

import java.net.InetAddress;

/** A block of addresses, {@code 10.1.0.0/16} or {@code fd00::/8}; a plain address is a block of one. */
record Cidr(byte[] network, int prefixLength) {

    /** The block {@code text} writes, or null if it writes none. */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = Hosts.normalise(slash < 0 ? text : text.substring(0, slash));
        InetAddress parsed = Hosts.literal(address).orElse(null);
        if (parsed == null) {
            return null;
        }
        int bits = parsed.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = text.substring(slash + 1);
            if (!length.matches("[0-9]{1,3}") || Integer.parseInt(length) > bits) {
                return null;
            }
            prefix = Integer.parseInt(length);
        }
        return new Cidr(parsed.getAddress(), prefix);
    }

    boolean contains(InetAddress address) {
        byte[] candidate = address.getAddress();
        if (candidate.length != network.length) {
            return false;
        }
        for (int bit = 0; bit < prefixLength; bit++) {
            int mask = 0x80 >>> (bit % 8);
            if ((candidate[bit / 8] & mask) != (network[bit / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}
