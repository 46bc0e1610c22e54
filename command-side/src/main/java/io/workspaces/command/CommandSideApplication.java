package io.workspaces.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import java.util.Map;

/**
 * The command side: validates intent against the Workspace aggregate and appends events to the PostgreSQL
 * event store. It serves writes only; reads belong to the query side.
 */
@SpringBootApplication(scanBasePackages = {"io.workspaces.command", "io.workspaces.common"})
@ConfigurationPropertiesScan
public class CommandSideApplication {

    /** Settings live in {@code command-side.yml}, not {@code application.yml}: see that file. */
    public static final String CONFIG_NAME = "command-side";

    public static void main(String[] args) {
        application().run(args);
    }

    public static SpringApplication application() {
        SpringApplication application = new SpringApplication(CommandSideApplication.class);
        application.setDefaultProperties(Map.of("spring.config.name", CONFIG_NAME));
        return application;
    }
}
