package io.workspaces.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Bearer tokens for local use, exactly as {@code ./token.sh} makes them: a JWT signed with HS256 and the local
 * HMAC secret, claims {@code sub, iss, iat, exp, roles}.
 */
final class LocalTokens {

    static final Set<String> PLATFORM_ROLES = Set.of("platform-admin", "workspace-creator", "auditor", "access-checker");
    private static final Pattern PRINCIPAL = Pattern.compile("^[!-~]{1,255}$");
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

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
        ObjectNode header = Json.object().put("alg", "HS256").put("typ", "JWT");
        ObjectNode claims = Json.object()
                .put("sub", subject)
                .put("iss", issuer)
                .put("iat", now.getEpochSecond())
                .put("exp", now.getEpochSecond() + ttlSeconds);
        ArrayNode roleList = claims.putArray("roles");
        roles.forEach(roleList::add);
        String signingInput = base64(Json.compact(header)) + "." + base64(Json.compact(claims));
        return signingInput + "." + BASE64URL.encodeToString(hmac(secret, signingInput));
    }

    static byte[] hmac(String secret, String input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new CliException(ExitCodes.ERROR, "cannot sign the token: " + e.getMessage());
        }
    }

    private static String base64(String json) {
        return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
