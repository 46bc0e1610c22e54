package io.workspaces.client;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Both sides of the service as real processes (their runnable jars) on a fresh PostgreSQL database of their own,
 * started once for the whole test run and shared by every test class extended with this.
 */
final class ClientServices implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    static final String SECRET = "client-test-only-hmac-secret-0123456789-abcdef";
    static final String ISSUER = "workspaces-client-test";
    static final String DB_USER = env("WORKSPACES_DB_USER", "postgres");
    static final String DB_PASSWORD = env("WORKSPACES_DB_PASSWORD", "");
    static final String DB_SERVER = env("WORKSPACES_DB_URL", "jdbc:postgresql://localhost:5432/workspaces")
            .replaceFirst("^(jdbc:postgresql://[^/?]+)/.*$", "$1");

    private static volatile ClientServices running;

    final String databaseUrl = DB_SERVER + "/workspaces_client_test_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final ServiceProcess command = new ServiceProcess(ServiceProcess.Side.COMMAND, databaseUrl);
    final ServiceProcess query = new ServiceProcess(ServiceProcess.Side.QUERY, databaseUrl);

    static ClientServices get() {
        if (running == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(ClientServices.class)");
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(ClientServices.class, key -> {
            synchronized (ClientServices.class) {
                if (running == null) {
                    ClientServices services = new ClientServices();
                    services.start();
                    running = services;
                }
                return running;
            }
        }, ClientServices.class);
    }

    /**
     * The running services for tests of an engine without Jupiter's extensions (jqwik): started unless running
     * already, stopped when the JVM exits (or, when Jupiter started them, at the end of its run).
     */
    static synchronized ClientServices ensureStarted() {
        if (running == null) {
            ClientServices services = new ClientServices();
            services.start();
            running = services;
            Runtime.getRuntime().addShutdownHook(new Thread(services::close));
        }
        return running;
    }

    private void start() {
        execute(DB_SERVER + "/postgres", "CREATE DATABASE " + databaseName());
        try {
            command.start();
            query.start();
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(250))
                    .until(() -> command.healthy() && query.healthy());
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        List.of(command, query).parallelStream().forEach(ServiceProcess::stop);
        execute(DB_SERVER + "/postgres", "DROP DATABASE IF EXISTS " + databaseName() + " WITH (FORCE)");
        if (running == this) {
            running = null;
        }
    }

    /** A client of the running services acting as {@code principal} with these platform roles. */
    static WorkspacesClient client(String principal, String... roles) {
        String token = token(principal, roles);
        return builder().token(token).build();
    }

    static WorkspacesClient.Builder builder() {
        ClientServices services = get();
        return WorkspacesClient.builder().commandUrl(services.command.baseUrl()).queryUrl(services.query.baseUrl());
    }

    /** A token the services accept. */
    static String token(String principal, String... roles) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(principal).issuer(ISSUER)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)))
                .claim("roles", List.of(roles)).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A name no other test uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String databaseName() {
        return databaseUrl.substring(databaseUrl.lastIndexOf('/') + 1);
    }

    private static void execute(String url, String sql) {
        try (Connection connection = DriverManager.getConnection(url, DB_USER, DB_PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is not usable at " + url + " as " + DB_USER + " ("
                    + e.getMessage() + ")", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
