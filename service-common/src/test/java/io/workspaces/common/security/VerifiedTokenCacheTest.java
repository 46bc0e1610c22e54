package io.workspaces.common.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokenCacheTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    /** A decoder that accepts tokens named "good-*" valid for an hour from NOW, and counts its calls. */
    private final List<String> decoded = new ArrayList<>();
    private Instant now = NOW;
    private final JwtDecoder real = token -> {
        decoded.add(token);
        if (!token.startsWith("good") || !now.isBefore(NOW.plus(Duration.ofHours(1)))) {
            throw new BadJwtException("refused");
        }
        return Jwt.withTokenValue(token).header("alg", "HS256").subject(token).issuedAt(NOW)
                .expiresAt(NOW.plus(Duration.ofHours(1))).claims(claims -> claims.putAll(Map.of())).build();
    };
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };
    private final VerifiedTokenCache cache = new VerifiedTokenCache(real, null, clock, Runnable::run);

    @Test
    void aTokenSeenBeforeIsNotVerifiedAgain() {
        Jwt first = cache.decode("good-alice");
        Jwt second = cache.decode("good-alice");

        assertThat(second).isSameAs(first);
        assertThat(decoded).containsExactly("good-alice");
    }

    @Test
    void refusedTokensAreNeverRemembered() {
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);
        assertThatThrownBy(() -> cache.decode("forged")).isInstanceOf(BadJwtException.class);

        assertThat(decoded).containsExactly("forged", "forged");
        assertThat(cache.size()).isZero();
    }

    @Test
    void anExpiredTokenGoesBackToTheRealDecoderWhichRefusesIt() {
        cache.decode("good-alice");
        now = NOW.plus(Duration.ofHours(1));

        assertThatThrownBy(() -> cache.decode("good-alice")).isInstanceOf(BadJwtException.class);
        assertThat(decoded).containsExactly("good-alice", "good-alice");
        assertThat(cache.size()).isZero();
    }

    @Test
    void withAMaximumAgeATokenIsRememberedOnlyUntilItReachesIt() {
        VerifiedTokenCache ageing = new VerifiedTokenCache(real, Duration.ofMinutes(10), clock, Runnable::run);
        ageing.decode("good-alice");
        now = NOW.plus(Duration.ofMinutes(9));
        ageing.decode("good-alice");
        assertThat(decoded).containsExactly("good-alice");

        now = NOW.plus(Duration.ofMinutes(10));
        ageing.decode("good-alice");
        assertThat(decoded).containsExactly("good-alice", "good-alice");
    }

    @Test
    void theCacheStaysBounded() {
        for (int i = 0; i <= VerifiedTokenCache.MAX_TOKENS; i++) {
            cache.decode("good-" + i);
        }

        assertThat(cache.size()).isLessThanOrEqualTo(VerifiedTokenCache.MAX_TOKENS);
        assertThat(cache.decode("good-" + VerifiedTokenCache.MAX_TOKENS).getSubject())
                .isEqualTo("good-" + VerifiedTokenCache.MAX_TOKENS);
    }
}
