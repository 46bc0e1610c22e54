package io.workspaces.command.db;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean
    static DatabaseCreator databaseCreator(Environment environment) {
        return new DatabaseCreator(environment.getProperty("workspaces.db.create-if-missing", Boolean.class, true));
    }
}
