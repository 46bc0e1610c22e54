package io.workspaces.cli;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bearer tokens for local use, as {@code ./token.sh} makes them: a JWT signed with HS256 and the local HMAC secret,
 * claims {@code sub, iss, iat, exp, roles}.
 */
final class LocalTokens {

    static final Set<String> PLATFORM_ROLES = Set.of("platform-admin", "workspace-creator", "auditor", "access-checker");
    private static final Pattern PRINCIPAL = Pattern.compile("^[!-~]{1,255}$");

    private LocalTokens() {
    }

    /** Why {@code principal} cannot be a token's subject, or null when it can. */
    static String principalProblem(String principal) {
        if (!PRINCIPAL.matcher(principal).matches() || principal.matches(".*[/\\\\?#%\"].*") || principal.equals("*")) {
            return "'" + Terminal.clean(principal) + "' is not a principal (visible ASCII without / \\ ? # %, not *)";
        }
        return null;
    }

    static String mint(String secret, String issuer, String subject, List<String> roles, Instant now, long ttlSeconds) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer(issuer)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(ttlSeconds)))
                .claim("roles", List.copyOf(roles))
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            // e.g. a secret shorter than the 256 bits HS256 needs
            throw new CliException(ExitCodes.ERROR, "cannot sign the token: " + e.getMessage());
        }
        return jwt.serialize();
    }
}
