package io.workspaces.query.webhook;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The operator's exceptions to the outbound address policy ({@code WORKSPACES_WEBHOOK_ALLOWED_HOSTS}): host names,
 * whose addresses are all admitted, and address blocks, whose addresses are admitted whatever name leads to them.
 * Neither admits an unspecified, multicast or broadcast address.
 */
record AllowedHosts(Set<String> names, List<Cidr> blocks) {

    static final String SETTING = "workspaces.webhooks.allowed-hosts (WORKSPACES_WEBHOOK_ALLOWED_HOSTS)";

    /** Reads the setting's entries; a bad one is refused with a message that names the setting and the entry. */
    static AllowedHosts parse(List<String> entries) {
        Set<String> names = new HashSet<>();
        List<Cidr> blocks = new ArrayList<>();
        for (String raw : entries == null ? List.<String>of() : entries) {
            String entry = raw.trim();
            if (entry.isEmpty()) {
                continue;
            }
            Cidr block = Cidr.parse(entry);
            if (block != null) {
                blocks.add(block);
            } else if (Hosts.isName(Hosts.normalise(entry))) {
                names.add(Hosts.normalise(entry));
            } else if (entry.matches("[0-9a-fA-FxX:.\\[\\]]+(/.*)?")) {
                throw new IllegalArgumentException(SETTING + ": '" + entry + "' is not a valid CIDR block: write an "
                        + "IPv4 address as four decimal numbers or an IPv6 address, and a prefix length (0-32 for "
                        + "IPv4, 0-128 for IPv6), e.g. 10.1.0.0/16, 127.0.0.1/32 or fd00::/8");
            } else {
                throw new IllegalArgumentException(SETTING + ": '" + entry + "' is neither a host name (such as "
                        + "hooks.internal; no wildcards) nor a CIDR block (such as 10.1.0.0/16)");
            }
        }
        return new AllowedHosts(Set.copyOf(names), List.copyOf(blocks));
    }

    /** Whether {@code host} (normalised) is one of the listed names. */
    boolean admitsName(String host) {
        return names.contains(host);
    }

    /** Whether {@code address}, or the IPv4 address it carries, lies in a listed block. */
    boolean admitsAddress(InetAddress address) {
        return blocks.stream().anyMatch(block -> block.contains(address)
                || AddressKind.embeddedIpv4(address).map(block::contains).orElse(false));
    }
}
