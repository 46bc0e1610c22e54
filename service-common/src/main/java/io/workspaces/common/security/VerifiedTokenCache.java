package io.workspaces.common.security;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers bearer tokens that passed verification, keyed by the whole token text (signature included), until
 * they expire, so that a client sending the same token again is not verified again: parsing, the signature
 * check and the claim conversion took about a tenth of the CPU time of a request in the benchmark profile
 * (docs/performance.md). A token is served from here only while it has not expired; the first request after
 * that goes to the real decoder, which refuses it. Bounded: when full, the cache starts over.
 */
final class VerifiedTokenCache implements JwtDecoder {

    static final int MAX_TOKENS = 10_000;

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(JwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Instant now = clock.instant();
        Jwt known = verified.get(token);
        if (known != null) {
            if (usable(known, now)) {
                return known;
            }
            verified.remove(token);
        }
        Jwt jwt = decoder.decode(token);
        if (usable(jwt, now)) {
            if (verified.size() >= MAX_TOKENS) {
                verified.clear();
            }
            verified.put(token, jwt);
        }
        return jwt;
    }

    int size() {
        return verified.size();
    }

    /** Unexpired and already valid; tokens without an expiry are never remembered. */
    private static boolean usable(Jwt jwt, Instant now) {
        return jwt.getExpiresAt() != null && now.isBefore(jwt.getExpiresAt())
                && (jwt.getNotBefore() == null || !now.isBefore(jwt.getNotBefore()));
    }
}
