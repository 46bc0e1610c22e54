package io.workspaces.command.db;

import io.workspaces.common.db.DatabaseConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;

/** The command side's own tables ({@code db/command}): name claims and idempotency keys. */
@Configuration(proxyBeanMethods = false)
class CommandSchemaConfiguration {

    @Bean
    FlywayMigrationInitializer commandSchema(DataSource dataSource) {
        return DatabaseConfiguration.migrations(dataSource, "db/command", "flyway_schema_history_command");
    }
}
