package io.workspaces.common.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Remembers bearer tokens that passed verification, keyed by the whole token text (signature included), until
 * they expire, so that a client sending the same token again is not verified again: parsing, the signature
 * check and the claim conversion took about a tenth of the CPU time of a request in the benchmark profile
 * (docs/performance-log.md). An entry lives until the token's {@code exp} (or until it gets older than the maximum
 * age, if sooner); after that the real decoder decides again. At most {@link #MAX_TOKENS} are kept.
 */
final class VerifiedTokenCache implements JwtDecoder {

    static final int MAX_TOKENS = 10_000;

    private final JwtDecoder decoder;
    private final Duration maxAge;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokenCache(JwtDecoder decoder, Duration maxAge, Clock clock) {
        this(decoder, maxAge, clock, ForkJoinPool.commonPool());
    }

    /** {@code maintenance} runs the cache's evictions ({@code Runnable::run} in tests). */
    VerifiedTokenCache(JwtDecoder decoder, Duration maxAge, Clock clock, Executor maintenance) {
        this.decoder = decoder;
        this.maxAge = maxAge;
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .executor(maintenance)
                .ticker(() -> {
                    Instant now = clock.instant();
                    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
                })
                .expireAfter(Expiry.<String, Jwt>creating((token, jwt) -> remainingLife(jwt)))
                .build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt known = verified.getIfPresent(token);
        if (known != null) {
            return known;
        }
        Jwt jwt = decoder.decode(token);
        if (!remainingLife(jwt).isZero()) {
            verified.put(token, jwt);
        }
        return jwt;
    }

    long size() {
        verified.cleanUp();
        return verified.estimatedSize();
    }

    /**
     * How long {@code jwt} may be served from here: until its expiry or its maximum age, whichever is first;
     * zero for a token without an expiry or not yet valid, which are never remembered.
     */
    private Duration remainingLife(Jwt jwt) {
        Instant now = clock.instant();
        Instant end = jwt.getExpiresAt();
        if (end == null || (jwt.getNotBefore() != null && now.isBefore(jwt.getNotBefore()))) {
            return Duration.ZERO;
        }
        if (maxAge != null && jwt.getIssuedAt() != null && jwt.getIssuedAt().plus(maxAge).isBefore(end)) {
            end = jwt.getIssuedAt().plus(maxAge);
        }
        return now.isBefore(end) ? Duration.between(now, end) : Duration.ZERO;
    }
}
