package io.workspaces.command.workspace;

import io.workspaces.events.Role;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a {@link WorkspaceChange}: the lowest workspace role that may make it ({@link #value()}), and what it does
 * as a refusal names it ("to {@link #to()} you need the admin role ...").
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Requires {

    Role value();

    String to();
}
