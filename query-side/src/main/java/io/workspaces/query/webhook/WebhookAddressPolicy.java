package io.workspaces.query.webhook;

import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Where webhooks may go. A subscription's URL must use an allowed port, and its host must lead to public internet
 * addresses only: every address the host resolves to is judged, and loopback, private, shared, link-local,
 * unique-local, special-purpose, unspecified, multicast and broadcast addresses are refused (see
 * {@link AddressKind}), also when written into an IPv6 address. The operator may admit internal receivers by name
 * or address block ({@link AllowedHosts}). The same check runs when subscribing and before every attempt, and an
 * attempt connects to an address this check admitted, so a name that resolves differently between the two cannot
 * lead anywhere else.
 */
@Component
class WebhookAddressPolicy {

    /**
     * The one answer for a refused host, whether it resolves to a refused address or does not resolve at all, so
     * that the API tells nothing about internal names.
     */
    static final String REFUSED_HOST = "must lead to public internet addresses only: a host that does not resolve, "
            + "or resolves to any loopback, private, shared (100.64.0.0/10), link-local, unique-local, "
            + "special-purpose, unspecified, multicast or broadcast address, is refused unless the operator allows "
            + "it";

    /** What the check found: the URL and the addresses to connect to, or why not. */
    sealed interface Verdict permits Admitted, Refused {
    }

    /** {@code addresses}: every address of the host, each admitted, in the resolver's order. */
    record Admitted(WebhookUrls.Target target, List<InetAddress> addresses) implements Verdict {
    }

    /** {@code problem}: for the API; {@code detail}: for operators' logs (never an address or a name). */
    record Refused(String problem, String detail) implements Verdict {
    }

    private final AllowedHosts allowedHosts;
    private final AllowedPorts allowedPorts;
    private final HostResolver resolver;

    WebhookAddressPolicy(WebhookProperties properties, HostResolver resolver) {
        this.allowedHosts = properties.hostAllowList();
        this.allowedPorts = properties.portAllowList();
        this.resolver = resolver;
    }

    /** Why webhooks may not go to {@code url}, or null if they may. */
    String problemWith(String url) {
        return check(url) instanceof Refused refused ? refused.problem() : null;
    }

    Verdict check(String url) {
        WebhookUrls.Parsed parsed = WebhookUrls.parse(url);
        if (parsed.problem() != null) {
            return new Refused(parsed.problem(), "the URL is not acceptable");
        }
        WebhookUrls.Target target = parsed.target();
        if (!allowedPorts.admits(target.port())) {
            return new Refused("must use an allowed port: " + allowedPorts, "its port is not allowed");
        }
        List<InetAddress> addresses;
        Optional<InetAddress> literal = Hosts.literal(target.host());
        if (literal.isPresent()) {
            addresses = List.of(literal.get());
        } else if (!Hosts.isName(target.host())) {
            return new Refused("must name a host", "the host is neither a name nor an address");
        } else {
            try {
                addresses = List.of(resolver.resolve(target.host()));
            } catch (UnknownHostException | RuntimeException e) {
                return new Refused(REFUSED_HOST, "its host does not resolve");
            }
            if (addresses.isEmpty()) {
                return new Refused(REFUSED_HOST, "its host does not resolve");
            }
        }
        boolean allowedName = allowedHosts.admitsName(target.host());
        for (InetAddress address : addresses) {
            Optional<AddressKind> kind = AddressKind.of(address);
            if (kind.isPresent() && !(kind.get().admittable()
                    && (allowedName || allowedHosts.admitsAddress(address)))) {
                return new Refused(REFUSED_HOST, "its host resolves to " + kind.get().description());
            }
        }
        return new Admitted(target, addresses);
    }
}
