package io.workspaces.common.security;

import io.workspaces.common.StartupRefusedException;
import io.workspaces.common.web.ProblemResponses;
import io.workspaces.common.web.ProblemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.autoconfigure.security.oauth2.resource.OAuth2ResourceServerProperties;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.CorsFilter;

import javax.crypto.spec.SecretKeySpec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;

/**
 * Authentication on both sides (docs/security.md): every {@code /v1} request needs a caller. Callers present a bearer JWT,
 * verified with a shared HMAC secret or an OAuth2 issuer's keys; with development authentication switched
 * on, a request without a token may instead name its caller in headers. Health, metrics and the API
 * documentation stay open. What a caller may do is decided per workspace, by each side (docs/domain.md).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({SecurityProperties.class, OAuth2ResourceServerProperties.class})
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);
    private static final String SECURITY_FILTER_CHAIN = AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME;
    private static final String[] OPEN = {"/actuator/health", "/actuator/health/**", "/actuator/info",
            "/actuator/prometheus", "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"};

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties,
                                            BearerCallers bearerCallers, ProblemWriter problems,
                                            ServerProperties server,
                                            @Value("${workspaces.cors.allowed-origins:}") String allowedOrigins)
            throws Exception {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint(problems);
        http.csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(AbstractHttpConfigurer::disable)
                .authorizeHttpRequests(requests -> requests.requestMatchers(OPEN).permitAll().anyRequest().authenticated())
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler((request, response, denied) -> problems.write(request, response,
                                ProblemResponses.problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                                        "this caller may not do this"))));
        CorsFilter browserOrigins = BrowserOrigins.filter(allowedOrigins, problems);
        if (browserOrigins != null) {
            http.addFilterAt(browserOrigins, CorsFilter.class);
        }
        if (bearerCallers.decoder() != null) {
            http.oauth2ResourceServer(resourceServer -> resourceServer
                    .authenticationEntryPoint(entryPoint)
                    .bearerTokenResolver(new BearerTokens())
                    .jwt(jwt -> jwt.decoder(bearerCallers.decoder())
                            .jwtAuthenticationConverter(bearerCallers.converter())));
        } else if (!properties.devAuth().enabled()) {
            throw new StartupRefusedException("No way to verify bearer tokens is configured. Set WORKSPACES_JWT_HMAC_SECRET "
                    + "(a shared secret of at least 32 bytes, single-node installs) or "
                    + "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI / _JWK_SET_URI (an OAuth2 issuer); "
                    + "for local development only, WORKSPACES_DEV_AUTH=true.");
        }
        if (properties.devAuth().enabled()) {
            refuseNonLoopback(server, properties.devAuth());
            log.warn("DEVELOPMENT AUTHENTICATION IS ON: requests without a bearer token are trusted to be who the {} "
                    + "header says. Never run this way where anyone else can reach the server.",
                    SecurityProperties.DevAuth.PRINCIPAL_HEADER);
            http.addFilterBefore(new DevAuthenticationFilter(problems), AnonymousAuthenticationFilter.class);
        }
        return http.build();
    }

    /** Bearer tokens verified (and remembered once verified) and converted to callers, for the chain and for shortcuts. */
    @Bean
    BearerCallers bearerCallers(ObjectProvider<JwtDecoder> jwtDecoder, SecurityProperties properties) {
        JwtDecoder decoder = jwtDecoder.getIfAvailable();
        return new BearerCallers(
                decoder == null ? null : new VerifiedTokenCache(decoder, properties.jwt().maxAge(), Clock.systemUTC()),
                new JwtCallerConverter(properties.jwt().rolesClaim()));
    }

    /** What the shortcuts ahead of the chain write as the chain would, with the same CORS configuration. */
    @Bean
    ShortcutAnswers shortcutAnswers(@Value("${workspaces.cors.allowed-origins:}") String allowedOrigins) {
        return new ShortcutAnswers(BrowserOrigins.source(allowedOrigins));
    }

    /**
     * Security matchers given as strings become {@code PathPattern} matchers: without this, each one is an
     * {@code MvcRequestMatcher}, which asks Spring MVC for the request's handler, a second handler lookup on every
     * request (about 6% of a role lookup's CPU time, docs/performance-log.md).
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * Spring Security wraps its filter chain in Spring MVC's cache of the request's handler, which serves the MVC
     * request matchers; ours are path patterns ({@link #pathPatternRequestMatchers()}), and CORS is configured by our
     * own filter, so nothing reads that cache, but filling it looked the handler up a second time on every request
     * (about 10% of a small request's CPU time, docs/performance-log.md). This puts the filter chain back unwrapped.
     */
    @Bean
    static BeanFactoryPostProcessor securityFilterChainWithoutHandlerCache() {
        return beanFactory -> {
            if (!(beanFactory instanceof BeanDefinitionRegistry registry)
                    || !registry.containsBeanDefinition(SECURITY_FILTER_CHAIN)) {
                return;
            }
            BeanDefinition wrapper = registry.getBeanDefinition(SECURITY_FILTER_CHAIN);
            if (wrapper.getBeanClassName() == null || !wrapper.getBeanClassName().endsWith("CompositeFilterChainProxy")) {
                return;
            }
            ConstructorArgumentValues.ValueHolder filters = wrapper.getConstructorArgumentValues()
                    .getIndexedArgumentValue(0, null);
            // exactly Spring MVC's wrapper: the cache filter and the chain it wraps, nothing else
            if (filters == null || !(filters.getValue() instanceof List<?> wrapped) || wrapped.size() != 2
                    || wrapped.stream().filter(SecurityConfiguration::isHandlerCache).count() != 1) {
                return;
            }
            Object chain = wrapped.stream().filter(filter -> !isHandlerCache(filter)).findFirst().orElseThrow();
            if (chain instanceof BeanDefinition definition) {
                registry.removeBeanDefinition(SECURITY_FILTER_CHAIN);
                registry.registerBeanDefinition(SECURITY_FILTER_CHAIN, definition);
            }
        };
    }

    private static boolean isHandlerCache(Object filter) {
        return filter instanceof BeanDefinition definition && definition.getBeanClassName() != null
                && definition.getBeanClassName().contains("HandlerMappingIntrospector");
    }

    /** The strict firewall, its header checks done without regular expressions (see {@link RequestFirewall}). */
    @Bean
    WebSecurityCustomizer requestFirewall() {
        return web -> web.httpFirewall(RequestFirewall.shared());
    }

    /**
     * A request the firewall refuses (a control character in a header value or a parameter name, a path it
     * does not normalize...) answers 400 problem+json; without this it would surface as a 500.
     */
    @Bean
    RequestRejectedHandler problemForRejectedRequests(ProblemWriter problems) {
        return (request, response, rejected) -> {
            log.debug("request rejected by the firewall: {}", rejected.getMessage());
            if (!response.isCommitted()) {
                problems.write(request, response, ProblemResponses.rejectedRequest());
            }
        };
    }

    /**
     * No Micrometer observation around each of Spring Security's filters, authentications and authorizations: they
     * cost about a sixth of a small request's CPU time (docs/performance-log.md) and duplicate what
     * {@code http.server.requests} already measures per request.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** Verifies HS256 tokens with {@code workspaces.security.jwt.hmac-secret}; expiry is required. */
    @Bean
    @Conditional(HmacSecretConfigured.class)
    JwtDecoder hmacJwtDecoder(SecurityProperties properties) {
        SecurityProperties.Jwt jwt = properties.jwt();
        byte[] secret = jwt.hmacSecret().getBytes(StandardCharsets.UTF_8);
        if (secret.length < 32) {
            throw new StartupRefusedException("WORKSPACES_JWT_HMAC_SECRET must be at least 32 bytes (HS256).");
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
                .macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setClaimSetConverter(TokenValidators.claimsAsGiven());
        decoder.setJwtValidator(TokenValidators.of(jwt, jwt.issuer(), audiences(jwt.audience()), Clock.systemUTC()));
        return decoder;
    }

    /**
     * Verifies tokens with an OAuth2 issuer's keys ({@code spring.security.oauth2.resourceserver.jwt.issuer-uri} or
     * {@code jwk-set-uri}) as Spring Boot would, but with the same checks as HMAC tokens: the configured clock skew,
     * {@code exp} required, the maximum age. With only an issuer, its keys are discovered on first use.
     */
    @Bean
    @Conditional(IssuerConfigured.class)
    JwtDecoder issuerJwtDecoder(OAuth2ResourceServerProperties resourceServer, SecurityProperties properties) {
        OAuth2ResourceServerProperties.Jwt issuer = resourceServer.getJwt();
        // issuer and audiences as Spring Boot reads them (WORKSPACES_JWT_ISSUER/_AUDIENCE are for HMAC tokens)
        OAuth2TokenValidator<Jwt> validator = TokenValidators.of(properties.jwt(), issuer.getIssuerUri(),
                issuer.getAudiences(), Clock.systemUTC());
        if (StringUtils.hasText(issuer.getJwkSetUri())) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(issuer.getJwkSetUri())
                    .jwsAlgorithms(algorithms -> issuer.getJwsAlgorithms()
                            .forEach(name -> algorithms.add(SignatureAlgorithm.from(name))))
                    .build();
            decoder.setClaimSetConverter(TokenValidators.claimsAsGiven());
            decoder.setJwtValidator(validator);
            return decoder;
        }
        return new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(issuer.getIssuerUri());
            decoder.setClaimSetConverter(TokenValidators.claimsAsGiven());
            decoder.setJwtValidator(validator);
            return decoder;
        });
    }

    private static List<String> audiences(String audience) {
        return StringUtils.hasText(audience) ? List.of(audience) : List.of();
    }

    private static void refuseNonLoopback(ServerProperties server, SecurityProperties.DevAuth devAuth) {
        InetAddress address = server.getAddress();
        boolean loopback;
        try {
            loopback = address != null && (address.isLoopbackAddress()
                    || InetAddress.getByName(address.getHostAddress()).isLoopbackAddress());
        } catch (UnknownHostException e) {
            loopback = false;
        }
        if (!loopback && !devAuth.allowNonLoopback()) {
            throw new StartupRefusedException("Development authentication trusts a request header, so it is refused "
                    + "on a server listening on " + (address == null ? "all interfaces" : address.getHostAddress())
                    + ". Bind to 127.0.0.1 (WORKSPACES_BIND_ADDRESS) or, knowing the risk, set "
                    + "WORKSPACES_DEV_AUTH_ALLOW_NON_LOOPBACK=true.");
        }
    }

    static class IssuerConfigured implements org.springframework.context.annotation.Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var environment = context.getEnvironment();
            return !StringUtils.hasText(environment.getProperty("workspaces.security.jwt.hmac-secret"))
                    && (StringUtils.hasText(environment.getProperty("spring.security.oauth2.resourceserver.jwt.issuer-uri"))
                    || StringUtils.hasText(environment.getProperty("spring.security.oauth2.resourceserver.jwt.jwk-set-uri")));
        }
    }

    static class HmacSecretConfigured implements org.springframework.context.annotation.Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return StringUtils.hasText(context.getEnvironment().getProperty("workspaces.security.jwt.hmac-secret"));
        }
    }
}
