package io.workspaces.common.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * The verification of bearer tokens that the security filter chain uses (the same decoder, with its cache of verified
 * tokens, and the same conversion to a {@link Caller}), offered to a request path that answers without that chain
 * (the access check's shortcut, docs/performance-log.md). It answers only the ordinary case: a request whose
 * bearer token verifies. For anything else it answers null, and the request must then go through the filter chain,
 * which refuses it, or accepts development authentication, exactly as for every other request.
 */
public final class BearerCallers {

    private final BearerTokens tokens = new BearerTokens();
    private final JwtDecoder decoder;
    private final JwtCallerConverter converter;

    /** {@code decoder} null: no tokens are verified here (development authentication alone). */
    BearerCallers(JwtDecoder decoder, JwtCallerConverter converter) {
        this.decoder = decoder;
        this.converter = converter;
    }

    JwtDecoder decoder() {
        return decoder;
    }

    JwtCallerConverter converter() {
        return converter;
    }

    /** The caller of the request's verified bearer token; null without one, or when it does not verify. */
    public Caller callerOrNull(HttpServletRequest request) {
        if (decoder == null) {
            return null;
        }
        try {
            String token = tokens.resolve(request);
            return token == null ? null : converter.convert(decoder.decode(token)).caller();
        } catch (RuntimeException refused) {
            // a malformed, invalid or expired token, or an issuer that cannot be reached: the chain answers it
            return null;
        }
    }
}
