package io.workspaces.command;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The command side: validates intent against the Workspace aggregate and appends events to the PostgreSQL
 * event store. It serves writes only; reads belong to the query side.
 */
@SpringBootApplication(excludeName = "org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration")
@ConfigurationPropertiesScan
public class CommandSideApplication {

    public static void main(String[] args) {
        SpringApplication.run(CommandSideApplication.class, args);
    }
}
