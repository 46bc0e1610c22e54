package io.workspaces.common.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TokenValidatorsTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private static Jwt jwt(Instant issuedAt, Instant expiresAt, Instant notBefore) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "HS256").subject("s").expiresAt(expiresAt);
        if (issuedAt != null) {
            builder.issuedAt(issuedAt);
        }
        if (notBefore != null) {
            builder.notBefore(notBefore);
        }
        return builder.build();
    }

    private static boolean valid(OAuth2TokenValidator<Jwt> validator, Jwt jwt) {
        return !validator.validate(jwt).hasErrors();
    }

    @Test
    void expiryAndNotBeforeGetTheConfiguredSkew() {
        OAuth2TokenValidator<Jwt> validator = TokenValidators.of(new SecurityProperties.Jwt(null, null, null, null,
                Duration.ofSeconds(30), null), null, List.of(), CLOCK);
        assertThat(valid(validator, jwt(NOW.minusSeconds(600), NOW.minusSeconds(10), null))).isTrue();
        assertThat(valid(validator, jwt(NOW.minusSeconds(600), NOW.minusSeconds(40), null))).isFalse();
        assertThat(valid(validator, jwt(null, NOW.plusSeconds(600), NOW.plusSeconds(10)))).isTrue();
        assertThat(valid(validator, jwt(null, NOW.plusSeconds(600), NOW.plusSeconds(40)))).isFalse();
    }

    @Test
    void theMaximumAgeRefusesOldTokensAndTokensWithoutIat() {
        OAuth2TokenValidator<Jwt> validator = TokenValidators.of(new SecurityProperties.Jwt(null, null, null, null,
                Duration.ofSeconds(5), Duration.ofMinutes(10)), null, List.of(), CLOCK);
        assertThat(valid(validator, jwt(NOW.minus(Duration.ofMinutes(9)), NOW.plusSeconds(600), null))).isTrue();
        assertThat(valid(validator, jwt(NOW.minus(Duration.ofMinutes(11)), NOW.plusSeconds(600), null))).isFalse();
        assertThat(valid(validator, jwt(null, NOW.plusSeconds(600), null))).isFalse();
    }

    @Test
    void issuerAndAudienceAreCheckedWhenGiven() {
        OAuth2TokenValidator<Jwt> validator = TokenValidators.of(new SecurityProperties.Jwt(null, null, null, null,
                null, null), "https://issuer.example", List.of("workspaces"), CLOCK);
        Jwt.Builder good = Jwt.withTokenValue("t").header("alg", "RS256").subject("s").expiresAt(NOW.plusSeconds(60))
                .issuer("https://issuer.example").audience(List.of("other", "workspaces"));
        assertThat(valid(validator, good.build())).isTrue();
        assertThat(valid(validator, good.issuer("https://elsewhere.example").build())).isFalse();
        assertThat(valid(validator, good.issuer("https://issuer.example").audience(List.of("other")).build())).isFalse();
    }
}
