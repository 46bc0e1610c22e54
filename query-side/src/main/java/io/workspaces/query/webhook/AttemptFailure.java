package io.workspaces.query.webhook;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an attempt failed, as coarsely as the attempt log records it. Whoever can read the log may have chosen the
 * URL, so the log must not work as a scanner: a refused connection, a reset one and a failed TLS handshake are all
 * {@link #UNREACHABLE}; a host that does not resolve and one that resolves to a refused address are both
 * {@link #REFUSED_BY_POLICY} (else a name pointing at an internal one would tell whether that exists); and no
 * exception message, address or duration is kept.
 */
enum AttemptFailure {
    /** The outbound address policy refused the URL, its port or its host (also one that does not resolve); nothing was sent. */
    REFUSED_BY_POLICY("refused-by-policy"),
    /** No HTTP answer could be had: no connection, or one that broke before an answer. */
    UNREACHABLE("unreachable"),
    /** The receiver did not answer within the request timeout. */
    TIMEOUT("timeout"),
    HTTP_3XX("http-3xx"),
    HTTP_4XX("http-4xx"),
    HTTP_5XX("http-5xx"),
    /** A status code outside 200-599. */
    HTTP_OTHER("http-other"),
    /** The attempt was cut short because its node was stopping. */
    INTERRUPTED("interrupted");

    /** Failures as versions before the coarse classes wrote them; see {@link #fromStored}. */
    private static final Pattern LEGACY_STATUS = Pattern.compile("answered HTTP (\\d+)");

    private final String value;

    AttemptFailure(String value) {
        this.value = value;
    }

    @JsonValue
    String value() {
        return value;
    }

    /** The class of a non-2xx answer. */
    static AttemptFailure ofStatus(int status) {
        if (status >= 300 && status < 400) {
            return HTTP_3XX;
        }
        if (status >= 400 && status < 500) {
            return HTTP_4XX;
        }
        return status >= 500 && status < 600 ? HTTP_5XX : HTTP_OTHER;
    }

    /**
     * The class of a stored failure, or null for none. Rows written before the log kept only classes hold a few
     * words ("connection refused", "answered HTTP 503", "no answer within 2000 ms"...): they are read as their class,
     * so the API never shows the old detail; anything unrecognised counts as unreachable.
     */
    static AttemptFailure fromStored(String stored) {
        if (stored == null) {
            return null;
        }
        for (AttemptFailure failure : values()) {
            if (failure.value.equals(stored)) {
                return failure;
            }
        }
        Matcher status = LEGACY_STATUS.matcher(stored);
        if (status.matches()) {
            return ofStatus(Integer.parseInt(status.group(1)));
        }
        if (stored.startsWith("no answer within")) {
            return TIMEOUT;
        }
        if (stored.equals("interrupted")) {
            return INTERRUPTED;
        }
        if (stored.equals("the URL cannot be requested")) {
            return REFUSED_BY_POLICY;
        }
        return UNREACHABLE;
    }

    @Override
    public String toString() {
        return value;
    }
}
