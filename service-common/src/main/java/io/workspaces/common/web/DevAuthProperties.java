package io.workspaces.common.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Development authentication: the acting principal is taken, unverified, from the {@value #HEADER} header.
 * Explicit opt-in ({@code workspaces.dev-auth.enabled=true}); the security issue replaces it with JWTs.
 */
@ConfigurationProperties("workspaces.dev-auth")
public record DevAuthProperties(boolean enabled) {
    public static final String HEADER = "X-Workspaces-Principal";
}
