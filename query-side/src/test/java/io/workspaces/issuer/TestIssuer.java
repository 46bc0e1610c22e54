package io.workspaces.issuer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.ServletWebServerFactoryAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An OAuth2 issuer for tests (Spring Authorization Server), started in this JVM on a port of its own: one public
 * client (no secret, PKCE required, no consent page) whose only redirect URI is the console's page, users who sign in
 * on its login form, access tokens as RS256 JWTs with {@code sub} = the user and the user's authorities in
 * {@code roles}, and CORS for the console's origin on its metadata and token endpoints.
 * <p>
 * It lives outside the packages the sides scan ({@code io.workspaces.query}, {@code .common}, {@code .command}) and
 * configures itself without Spring Boot's auto-configuration (no database, no Axon): only a web server and security.
 */
public final class TestIssuer implements AutoCloseable {

    public static final String CLIENT_ID = "workspaces-console";

    private final ConfigurableApplicationContext context;
    private final String url;

    private TestIssuer(ConfigurableApplicationContext context, String url) {
        this.context = context;
        this.url = url;
    }

    /**
     * @param redirectUri the console's page ({@code http://127.0.0.1:<port>/console/}); its origin may call the issuer
     * @param users       user name → password and authorities ({@code [password, authority...]})
     */
    public static TestIssuer start(String redirectUri, Map<String, List<String>> users) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        SpringApplication application = new SpringApplication(Settings.class);
        application.setDefaultProperties(Map.of("spring.config.name", "test-issuer"));
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("issuerUsers",
                new Users(users)));
        ConfigurableApplicationContext context = application.run("--server.port=" + port, "--server.address=127.0.0.1",
                "--test-issuer.url=" + url, "--test-issuer.redirect-uri=" + redirectUri,
                // its own session cookie name: cookies do not tell ports apart, and the sides run on this host too
                "--server.servlet.session.cookie.name=TEST_ISSUER_SESSION");
        return new TestIssuer(context, url);
    }

    /** The issuer's URL, as its tokens' {@code iss} says. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        context.close();
    }

    record Users(Map<String, List<String>> byName) {
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({PropertyPlaceholderAutoConfiguration.class, ServletWebServerFactoryAutoConfiguration.class,
            DispatcherServletAutoConfiguration.class, SecurityAutoConfiguration.class,
            SecurityFilterAutoConfiguration.class})
    static class Settings {

        /** The issuer's endpoints: metadata, authorize, token, keys; a browser not signed in goes to the form. */
        @Bean
        @Order(1)
        SecurityFilterChain issuerEndpoints(HttpSecurity http, Environment environment) throws Exception {
            OAuth2AuthorizationServerConfigurer issuer = OAuth2AuthorizationServerConfigurer.authorizationServer();
            String redirectUri = environment.getRequiredProperty("test-issuer.redirect-uri");
            http.securityMatcher(issuer.getEndpointsMatcher())
                    .with(issuer, server -> server.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .cors(cors -> cors.configurationSource(consoleOrigin(redirectUri)))
                    .exceptionHandling(handling -> handling.defaultAuthenticationEntryPointFor(
                            new LoginUrlAuthenticationEntryPoint("/login"), new MediaTypeRequestMatcher(MediaType.TEXT_HTML)));
            return http.build();
        }

        /** Its login form. */
        @Bean
        @Order(2)
        SecurityFilterChain loginForm(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .formLogin(Customizer.withDefaults());
            return http.build();
        }

        private static UrlBasedCorsConfigurationSource consoleOrigin(String redirectUri) {
            java.net.URI page = java.net.URI.create(redirectUri);
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(List.of(page.getScheme() + "://" + page.getHost() + ":" + page.getPort()));
            cors.setAllowedMethods(List.of("GET", "POST"));
            cors.setAllowedHeaders(List.of("Accept", "Content-Type"));
            cors.setAllowCredentials(false);
            UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
            source.registerCorsConfiguration("/oauth2/token", cors);
            source.registerCorsConfiguration("/.well-known/**", cors);
            return source;
        }

        @Bean
        UserDetailsService users(Users users) {
            InMemoryUserDetailsManager manager = new InMemoryUserDetailsManager();
            users.byName().forEach((name, passwordAndAuthorities) -> manager.createUser(User.withUsername(name)
                    .password("{noop}" + passwordAndAuthorities.get(0))
                    .authorities(passwordAndAuthorities.subList(1, passwordAndAuthorities.size()).toArray(String[]::new))
                    .build()));
            return manager;
        }

        /** The console: a public client (authentication none) that must use PKCE, sent back to the console only. */
        @Bean
        RegisteredClientRepository clients(Environment environment) {
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId(UUID.randomUUID().toString())
                    .clientId(CLIENT_ID)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                    .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                    .redirectUri(environment.getRequiredProperty("test-issuer.redirect-uri"))
                    .scope(OidcScopes.OPENID)
                    .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false)
                            .build())
                    .build());
        }

        /** The user's authorities as the service's platform roles claim. */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> rolesClaim() {
            return context -> {
                if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                    context.getClaims().claim("roles", context.getPrincipal().getAuthorities().stream()
                            .map(GrantedAuthority::getAuthority).toList());
                }
            };
        }

        @Bean
        JWKSource<SecurityContext> keys() throws NoSuchAlgorithmException {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic()).privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString()).build();
            return new ImmutableJWKSet<>(new JWKSet(key));
        }

        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings authorizationServerSettings(Environment environment) {
            return AuthorizationServerSettings.builder().issuer(environment.getRequiredProperty("test-issuer.url")).build();
        }
    }
}
