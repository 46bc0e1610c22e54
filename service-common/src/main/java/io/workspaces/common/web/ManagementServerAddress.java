package io.workspaces.common.web;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

import java.util.Map;

/**
 * The address of the management port ({@code management.server.address}) when /actuator has a port of its own
 * ({@code WORKSPACES_MANAGEMENT_PORT}): {@value #ADDRESS_VARIABLE} if set, else the API's address
 * ({@code server.address}, the loopback by default) rather than every interface, which is what Spring Boot would
 * do. It cannot be a plain entry of the settings file: Spring Boot refuses a management address, even an empty
 * one, while the management port is the API's.
 */
public class ManagementServerAddress implements EnvironmentPostProcessor {

    static final String ADDRESS_VARIABLE = "WORKSPACES_MANAGEMENT_ADDRESS";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (ManagementPortType.get(environment) != ManagementPortType.DIFFERENT
                || StringUtils.hasText(environment.getProperty("management.server.address"))) {
            return;
        }
        String address = environment.getProperty(ADDRESS_VARIABLE);
        if (!StringUtils.hasText(address)) {
            address = environment.getProperty("server.address");
        }
        if (StringUtils.hasText(address)) {
            environment.getPropertySources().addFirst(new MapPropertySource("workspaces-management-address",
                    Map.of("management.server.address", address.trim())));
        }
    }
}
