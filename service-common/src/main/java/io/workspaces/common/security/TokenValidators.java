package io.workspaces.common.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.MappedJwtClaimSetConverter;
import org.springframework.util.StringUtils;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The checks every bearer token passes, whoever signed it (the shared HMAC secret or an issuer's keys): the
 * library's defaults with {@code exp} and {@code nbf} given the configured clock skew instead of its 60 s,
 * {@code exp} required, the issuer and audience when configured, and the maximum age when configured.
 */
final class TokenValidators {

    private TokenValidators() {
    }

    /**
     * @param issuer    the required {@code iss}, or null
     * @param audiences accepted {@code aud} values (a token needs one of them), or empty for any
     */
    static OAuth2TokenValidator<Jwt> of(SecurityProperties.Jwt settings, String issuer, Collection<String> audiences,
                                        Clock clock) {
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(settings.clockSkew());
        timestamps.setClock(clock);
        validators.add(timestamps);
        if (StringUtils.hasText(issuer)) {
            validators.add(new JwtIssuerValidator(issuer));
        }
        validators.add(new JwtClaimValidator<>(JwtClaimNames.EXP, Objects::nonNull));
        List<String> accepted = audiences.stream().filter(StringUtils::hasText).toList();
        if (!accepted.isEmpty()) {
            validators.add(new JwtClaimValidator<Collection<String>>(JwtClaimNames.AUD,
                    given -> given != null && given.stream().anyMatch(accepted::contains)));
        }
        if (settings.maxAge() != null) {
            validators.add(maxAge(settings.maxAge(), settings.clockSkew(), clock));
        }
        return JwtValidators.createDefaultWithValidators(validators);
    }

    /**
     * The library's claim conversion, except that a token without {@code iat} keeps having none: the library
     * makes one up (a second before {@code exp}), which would let such a token pass the maximum age.
     */
    static Converter<Map<String, Object>, Map<String, Object>> claimsAsGiven() {
        MappedJwtClaimSetConverter defaults = MappedJwtClaimSetConverter.withDefaults(Map.of());
        return claims -> {
            Map<String, Object> converted = defaults.convert(claims);
            if (converted != null && !claims.containsKey(JwtClaimNames.IAT) && converted.containsKey(JwtClaimNames.IAT)) {
                converted = new HashMap<>(converted);
                converted.remove(JwtClaimNames.IAT);
            }
            return converted;
        };
    }

    /** Refuses a token issued more than {@code maxAge} (plus the skew) ago, and one that does not say when. */
    private static OAuth2TokenValidator<Jwt> maxAge(Duration maxAge, Duration skew, Clock clock) {
        return jwt -> {
            Instant issuedAt = jwt.getIssuedAt();
            if (issuedAt != null && !clock.instant().isAfter(issuedAt.plus(maxAge).plus(skew))) {
                return OAuth2TokenValidatorResult.success();
            }
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    issuedAt == null ? "the token has no iat claim" : "the token is older than the maximum age", null));
        };
    }
}
