package io.workspaces.query.audit;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * {@code ./audit-verify.sh}: verifies the audit chain straight against the database, without the service
 * running and without a token, for an auditor with read access to PostgreSQL. Prints the report as JSON;
 * exits 0 when the chain verifies, 1 when it is broken, 2 when it could not run.
 */
final class VerifyChainCommand {

    private VerifyChainCommand() {
    }

    public static void main(String[] args) {
        String url = env("WORKSPACES_DB_URL", "jdbc:postgresql://localhost:5432/workspaces");
        try {
            ChainVerifier.Report report = verify(url, env("WORKSPACES_DB_USER", "postgres"),
                    env("WORKSPACES_DB_PASSWORD", ""));
            System.out.println(JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build()
                    .writerWithDefaultPrettyPrinter().writeValueAsString(report));
            System.exit("ok".equals(report.status()) ? 0 : 1);
        } catch (Exception e) {
            System.err.println("audit-verify: could not verify the chain in " + url + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")));
            System.exit(2);
        }
    }

    static ChainVerifier.Report verify(String url, String user, String password) {
        DriverManagerDataSource database = new DriverManagerDataSource(url, user, password);
        return new ChainVerifier(new JdbcTemplate(database), new DataSourceTransactionManager(database)).verify();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
