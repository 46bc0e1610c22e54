package io.workspaces.cli;

import java.util.Map;

/**
 * Where the service is and who the caller is, after resolving flags, environment, config file and defaults
 * (in that precedence); {@code sources} says where each value came from.
 */
record Settings(String commandUrl, String queryUrl, String token, Output output, Map<String, String> sources) {
}
