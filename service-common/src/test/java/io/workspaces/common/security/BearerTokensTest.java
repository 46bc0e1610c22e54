package io.workspaces.common.security;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The loop-based resolver reads every Authorization header as Spring Security's default resolver reads it. */
class BearerTokensTest {

    private static final BearerTokenResolver OURS = new BearerTokens();
    private static final BearerTokenResolver SPRINGS = new DefaultBearerTokenResolver();

    @Test
    void agreesWithSpringSecuritysResolverOnGeneratedHeaders() {
        Arbitrary<String> schemes = Arbitraries.of("Bearer ", "bearer ", "BEARER ", "bEaReR ", "Bearer", "Bearer  ",
                "Bearer\t", "Basic ", "Bear ", "", "Bearerx ");
        Arbitrary<String> tokenish = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
                .withCharRange('0', '9').withChars('-', '.', '_', '~', '+', '/', '=', ' ', '%', ',', '\u00e9', '\u212a')
                .ofMaxLength(60);
        Arbitrary<String> headers = Arbitraries.oneOf(
                schemes.flatMap(scheme -> tokenish.map(token -> scheme + token)),
                Arbitraries.strings().all().ofMaxLength(30));
        headers.sampleStream().limit(20_000).forEach(BearerTokensTest::agree);
    }

    @Test
    void readsTheTokenAndRefusesMalformedHeaders() {
        assertThat(OURS.resolve(request(null, null))).isNull();
        assertThat(OURS.resolve(request("Basic YWxpY2U6c2VjcmV0", null))).isNull();
        assertThat(OURS.resolve(request("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_~+/==", null)))
                .isEqualTo("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln-_~+/==");
        assertThat(OURS.resolve(request("bEaReR abc", null))).isEqualTo("abc");
        for (String malformed : new String[] {"Bearer", "Bearer ", "Bearer  abc", "Bearer a=b", "Bearer ===",
                "Bearer ab\u00e9", "Bearerabc"}) {
            assertThatThrownBy(() -> OURS.resolve(request(malformed, null))).as(malformed)
                    .isInstanceOf(OAuth2AuthenticationException.class).hasMessageContaining("malformed");
        }
        assertThatThrownBy(() -> OURS.resolve(request("Bearer abc", "access_token=def")))
                .isInstanceOf(OAuth2AuthenticationException.class).hasMessageContaining("multiple bearer tokens");
        assertThat(OURS.resolve(request("Bearer abc", "page_size=5"))).isEqualTo("abc");
    }

    private static void agree(String header) {
        MockHttpServletRequest request = request(header, null);
        assertThat(outcome(() -> OURS.resolve(request))).as("Authorization: %s", header)
                .isEqualTo(outcome(() -> SPRINGS.resolve(request)));
    }

    private static String outcome(Supplier<String> resolve) {
        try {
            return "token " + resolve.get();
        } catch (OAuth2AuthenticationException e) {
            return "refused " + e.getError().getErrorCode() + ": " + e.getError().getDescription();
        }
    }

    private static MockHttpServletRequest request(String authorization, String query) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/v1/workspaces");
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        if (query != null) {
            request.setQueryString(query);
            for (String pair : query.split("&")) {
                String[] parts = pair.split("=", 2);
                request.addParameter(parts[0], parts[1]);
            }
        }
        return request;
    }
}
