package io.workspaces.query;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.util.Map;

/**
 * The query side: folds the event log into read models with streaming event processors whose tokens live in
 * PostgreSQL, and serves every read (lists, lookups, members, role lookups, history).
 */
@SpringBootApplication(scanBasePackages = {"io.workspaces.query", "io.workspaces.common"})
@ConfigurationPropertiesScan
@EnableScheduling
public class QuerySideApplication {

    /** Settings live in {@code query-side.yml}, not {@code application.yml}: see that file. */
    public static final String CONFIG_NAME = "query-side";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(QuerySideApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
