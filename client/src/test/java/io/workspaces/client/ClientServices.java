package io.workspaces.client;

import io.workspaces.client.testing.ServicePair;
import io.workspaces.client.testing.ServiceProcess;
import io.workspaces.client.testing.TestIdentity;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.UUID;

/**
 * Both sides of the service as real processes (their runnable jars) on a fresh PostgreSQL database of their own,
 * started once for the whole test run and shared by every test class extended with this.
 */
final class ClientServices implements BeforeAllCallback, ExtensionContext.Store.CloseableResource {

    private static final TestIdentity IDENTITY =
            new TestIdentity("client-test-only-hmac-secret-0123456789-abcdef", "workspaces-client-test");

    private static volatile ClientServices running;

    private final ServicePair pair = new ServicePair("client", IDENTITY);
    final ServiceProcess command = pair.command;
    final ServiceProcess query = pair.query;

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
                    services.pair.start();
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
            services.pair.start();
            running = services;
            Runtime.getRuntime().addShutdownHook(new Thread(services::close));
        }
        return running;
    }

    @Override
    public void close() {
        pair.close();
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
        return IDENTITY.token(principal, roles);
    }

    /** A name no other test uses. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
