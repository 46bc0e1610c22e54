package io.workspaces.query.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Sign-in with the OAuth2 issuer whose tokens this side accepts (docs/console.md): the console runs the
 * authorization-code flow with PKCE as a public client, discovering the issuer's endpoints from its metadata. Offered
 * only when the issuer verifies the tokens (its URI set, no HMAC secret) and a client id is configured.
 *
 * @param issuer   the issuer's URI, as the tokens' {@code iss} says
 * @param clientId the console's public client id at the issuer
 * @param scopes   the scopes asked for, space-separated
 */
record IssuerSignIn(String issuer, String clientId, String scopes) {

    private static final Logger log = LoggerFactory.getLogger(IssuerSignIn.class);

    /**
     * The sign-in the settings ask for, or null when the console only takes pasted tokens; {@code warn}: say so when
     * a client id is set in vain.
     */
    static IssuerSignIn from(Environment environment, boolean warn) {
        String issuer = environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri", "").trim();
        String clientId = environment.getProperty("workspaces.console.oauth.client-id", "").trim();
        String scopes = environment.getProperty("workspaces.console.oauth.scopes", "openid").trim();
        boolean hmac = StringUtils.hasText(environment.getProperty("workspaces.security.jwt.hmac-secret"));
        if (clientId.isEmpty()) {
            return null;
        }
        if (issuer.isEmpty() || hmac) {
            if (warn) {
                log.warn("WORKSPACES_CONSOLE_OAUTH_CLIENT_ID is set but tokens are not verified with an OAuth2 "
                        + "issuer's keys (SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI, without "
                        + "WORKSPACES_JWT_HMAC_SECRET): the console offers no issuer sign-in, only the form to paste a token");
            }
            return null;
        }
        ConsoleConfiguration.origin(issuer, "spring.security.oauth2.resourceserver.jwt.issuer-uri");
        return new IssuerSignIn(issuer, clientId, scopes.isEmpty() ? "openid" : scopes);
    }

    /** The issuer's origin, the one other origin the page then connects to (its metadata and token endpoint). */
    String origin() {
        return ConsoleConfiguration.origin(issuer, "spring.security.oauth2.resourceserver.jwt.issuer-uri");
    }

    /** What the page reads from config.json: nothing secret (a public client has no secret). */
    Map<String, Object> settings() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("issuer", issuer);
        values.put("client_id", clientId);
        values.put("scopes", scopes);
        return values;
    }
}
