package io.workspaces.cli;

import io.workspaces.client.testing.ServicePair;
import io.workspaces.client.testing.ServiceProcess;
import io.workspaces.client.testing.TestIdentity;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.List;

/**
 * Both sides of the service as real processes on a fresh PostgreSQL database of their own, started once for
 * the whole test run (the first test class that needs them starts them; JUnit closes them after the last
 * test) and shared by every test class that uses this extension.
 */
final class CliServices implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    static final String SECRET = "cli-test-only-hmac-secret-0123456789-abcdef";
    static final String ISSUER = "workspaces-cli-test";
    static final TestIdentity IDENTITY = new TestIdentity(SECRET, ISSUER);

    private static volatile CliServices running;

    private final ServicePair pair = new ServicePair("cli", IDENTITY);
    final ServiceProcess command = pair.command;
    final ServiceProcess query = pair.query;

    /** The running services (for a test class extended with this). */
    static CliServices get() {
        if (running == null) {
            throw new IllegalStateException("annotate the test class with @ExtendWith(CliServices.class)");
        }
        return running;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(CliServices.class, key -> {
            CliServices services = new CliServices();
            services.start();
            running = services;
            return services;
        }, CliServices.class);
    }

    private void start() {
        pair.start();
        try {
            CliProcess.recordArchive(command.baseUrl(), query.baseUrl(), token("alice"));
        } catch (RuntimeException | Error e) {
            pair.close();
            throw e;
        }
    }

    @Override
    public void close() {
        pair.close();
        running = null;
    }

    /** Runs SQL against the services' database (e.g. to tamper with the audit chain). */
    int update(String sql) {
        return pair.update(sql);
    }

    String queryString(String sql) {
        return pair.queryString(sql);
    }

    /** A token the services accept, for a principal with these platform roles, minted as the CLI mints them. */
    static String token(String principal, String... roles) {
        return LocalTokens.mint(SECRET, ISSUER, principal, List.of(roles), java.time.Instant.now(), 3600);
    }
}
