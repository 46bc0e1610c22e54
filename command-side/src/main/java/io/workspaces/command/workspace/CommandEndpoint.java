package io.workspaces.command.workspace;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a handler method that sends one kind of command: its answers are counted as
 * {@code workspaces_commands_total{command=<value>, outcome=...}} (see CommandMetrics).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface CommandEndpoint {

    /** The {@code command} tag: lower case with underscores, e.g. {@code create_workspace}. */
    String value();
}
