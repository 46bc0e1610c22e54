package io.workspaces.common.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import java.util.Enumeration;
import java.util.function.Predicate;

/**
 * Spring Security's strict firewall with its header and parameter-name rules unchanged but checked by a loop
 * over the code points instead of the regular expressions it ships with ({@code [\p{IsAssigned}&&[^\p{IsControl}]]*},
 * tab also allowed in header values). Those expressions ran on every header of every request, the bearer token
 * included, and took about an eighth of the command side's CPU time in the benchmark profile
 * (docs/performance-log.md).
 *
 * <p>Every header is checked when the request arrives, not only the headers something happens to read later: a
 * header the service does not use is refused (400) like one it does, and no refusal can surface in a controller.
 *
 * <p>One instance serves the filter chain and the paths answered ahead of it ({@link #firewalledOrNull}).
 */
public final class RequestFirewall {

    /** Every code point assigned in Unicode and not a control character (the default header-name rule). */
    static final Predicate<String> ASSIGNED_AND_NOT_CONTROL = value -> allowed(value, false);

    /** The same, tab allowed too (the default header-value rule); a missing value is allowed. */
    static final Predicate<String> HEADER_VALUE = value -> value == null || allowed(value, true);

    private static final StrictHttpFirewall SHARED = strict();

    private RequestFirewall() {
    }

    /** The firewall of the security filter chain. */
    static StrictHttpFirewall shared() {
        return SHARED;
    }

    /**
     * {@code request} as the filter chain's firewall passes it on (its parameter names checked as they are read), or
     * null when the firewall refuses it: a path answered ahead of the chain then leaves it to the chain, which answers
     * 400.
     */
    public static HttpServletRequest firewalledOrNull(HttpServletRequest request) {
        try {
            return SHARED.getFirewalledRequest(request);
        } catch (RequestRejectedException refused) {
            return null;
        }
    }

    private static StrictHttpFirewall strict() {
        StrictHttpFirewall firewall = new StrictHttpFirewall() {
            @Override
            public FirewalledRequest getFirewalledRequest(HttpServletRequest request) {
                FirewalledRequest firewalled = super.getFirewalledRequest(request);
                // the strict request checks names and values as they are read: read them all now
                Enumeration<String> names = firewalled.getHeaderNames();
                while (names.hasMoreElements()) {
                    Enumeration<String> values = firewalled.getHeaders(names.nextElement());
                    while (values.hasMoreElements()) {
                        values.nextElement();
                    }
                }
                return firewalled;
            }
        };
        firewall.setAllowedHeaderNames(ASSIGNED_AND_NOT_CONTROL);
        firewall.setAllowedHeaderValues(HEADER_VALUE);
        firewall.setAllowedParameterNames(ASSIGNED_AND_NOT_CONTROL);
        return firewall;
    }

    private static boolean allowed(String value, boolean tabAllowed) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            // printable ASCII, by far the most common, needs no table lookup
            if (codePoint < 0x20 || codePoint > 0x7e) {
                int type = Character.getType(codePoint);
                if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tabAllowed && codePoint == '\t'))) {
                    return false;
                }
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
