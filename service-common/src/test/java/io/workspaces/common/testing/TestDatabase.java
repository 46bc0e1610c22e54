package io.workspaces.common.testing;

import io.workspaces.common.db.DatabaseCreator;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.UUID;

/**
 * One fresh PostgreSQL database per test JVM, on the server of {@code WORKSPACES_DB_URL} (default
 * localhost:5432), created by the application's own {@link DatabaseCreator} and dropped when the JVM ends.
 * Tests never depend on leftovers.
 */
public final class TestDatabase {

    public static final String USER = env("WORKSPACES_DB_USER", "postgres");
    public static final String PASSWORD = env("WORKSPACES_DB_PASSWORD", "");
    public static final String SERVER = env("WORKSPACES_DB_URL", "jdbc:postgresql://localhost:5432/workspaces")
            .replaceFirst("^(jdbc:postgresql://[^/?]+)/.*$", "$1");
    public static final String NAME = "workspaces_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    public static final String URL = SERVER + "/" + NAME;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> DatabaseCreator.drop(URL, USER, PASSWORD)));
    }

    private TestDatabase() {
    }

    /** Points a Spring test context's data source at this JVM's database. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> URL);
        registry.add("spring.datasource.username", () -> USER);
        registry.add("spring.datasource.password", () -> PASSWORD);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
