package io.workspaces.query.console;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.view.RedirectView;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The web console (docs/console.md): static pages and ES modules under {@code /console}, served without a token (they
 * hold no data and no secret); everything they show comes from the {@code /v1} API, called by the page with the
 * caller's bearer token. Only these paths get the console's Content-Security-Policy: no inline script or style, no
 * other origin but the command side's (for writes) and, with issuer sign-in, the issuer's (for its metadata and token
 * endpoint), no framing.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleConfiguration {

    static final String PATHS = "/console/**";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http,
                                                   @Value("${workspaces.console.command-url:}") String commandUrl,
                                                   Environment environment)
            throws Exception {
        IssuerSignIn signIn = IssuerSignIn.from(environment, true);
        String policy = contentSecurityPolicy(commandUrl, signIn == null ? null : signIn.origin());
        http.securityMatcher("/console", PATHS)
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .anonymous(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(policy))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /**
     * The page's policy: its own scripts, styles and API; writes to the command side's origin; with issuer sign-in,
     * the issuer's origin (exactly that origin, for discovery and the code exchange; the sign-in itself is a
     * navigation, which connect-src does not govern).
     */
    static String contentSecurityPolicy(String commandUrl, String issuerOrigin) {
        String commandOrigin = origin(commandUrl, "workspaces.console.command-url");
        StringBuilder connect = new StringBuilder("'self'");
        if (commandOrigin != null) {
            connect.append(' ').append(commandOrigin);
        }
        if (issuerOrigin != null && !issuerOrigin.equals(commandOrigin)) {
            connect.append(' ').append(issuerOrigin);
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src " + connect + "; "
                + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }

    static String origin(String url, String setting) {
        if (url == null || url.isBlank()) {
            return null;
        }
        URI uri = URI.create(url.trim());
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            throw new IllegalArgumentException(setting + " must be an absolute http(s) URL");
        }
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    /** The console's entry points and the settings its pages need (nothing secret). */
    @Hidden
    @Controller
    static class ConsoleController {
        private final Map<String, Object> settings;

        ConsoleController(@Value("${workspaces.console.command-url:}") String commandUrl,
                          @Value("${workspaces.security.jwt.roles-claim:roles}") String rolesClaim,
                          Environment environment) {
            Map<String, Object> values = new LinkedHashMap<>();
            String trimmed = commandUrl == null ? "" : commandUrl.trim();
            values.put("command_url", trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed);
            values.put("roles_claim", rolesClaim);
            IssuerSignIn signIn = IssuerSignIn.from(environment, false);
            if (signIn != null) {
                values.put("oauth", signIn.settings());
            }
            this.settings = Map.copyOf(values);
        }

        @GetMapping("/console")
        RedirectView console() {
            RedirectView redirect = new RedirectView("/console/", true);
            redirect.setHttp10Compatible(false);
            return redirect;
        }

        @GetMapping("/console/")
        String index() {
            return "forward:/console/index.html";
        }

        @GetMapping(path = "/console/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
        @ResponseBody
        ResponseEntity<Map<String, Object>> config() {
            return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(settings);
        }
    }
}
