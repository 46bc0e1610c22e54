package io.workspaces.cli;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;

/**
 * Resolves the settings: a flag wins over the environment, which wins over the config file
 * ({@code --config FILE}, else {@code $XDG_CONFIG_HOME/workspaces/cli.properties}, else
 * {@code ~/.config/workspaces/cli.properties}), which wins over the defaults.
 */
final class Config {

    static final String DEFAULT_COMMAND_URL = "http://127.0.0.1:8081";
    static final String DEFAULT_QUERY_URL = "http://127.0.0.1:8082";
    static final String COMMAND_URL_ENV = "WORKSPACES_COMMAND_URL";
    static final String QUERY_URL_ENV = "WORKSPACES_QUERY_URL";
    static final String TOKEN_ENV = "WORKSPACES_TOKEN";
    static final String OUTPUT_ENV = "WORKSPACES_OUTPUT";
    /** The keys a config file may hold. */
    static final List<String> KEYS = List.of("command-url", "query-url", "token", "output");

    /** What was given on the command line (null: not given). */
    record Flags(String commandUrl, String queryUrl, String token, Output output, Path configFile) {
    }

    private Config() {
    }

    static Settings resolve(Flags flags, Map<String, String> env) {
        Path file = flags.configFile() != null ? flags.configFile() : defaultFile(env);
        Properties properties = read(file, flags.configFile() != null);
        Map<String, String> sources = new LinkedHashMap<>();
        String commandUrl = url("command-url", pick("command-url", flags.commandUrl(), env, COMMAND_URL_ENV,
                properties, file, DEFAULT_COMMAND_URL, sources), sources);
        String queryUrl = url("query-url", pick("query-url", flags.queryUrl(), env, QUERY_URL_ENV,
                properties, file, DEFAULT_QUERY_URL, sources), sources);
        String token = pick("token", flags.token(), env, TOKEN_ENV, properties, file, null, sources);
        if (token != null && token.isBlank()) {
            sources.put("token", sources.get("token") + " (empty: none)");
            token = null;
        }
        String outputName = pick("output", flags.output() == null ? null : flags.output().name(), env, OUTPUT_ENV,
                properties, file, Output.table.name(), sources);
        return new Settings(commandUrl, queryUrl, token == null ? null : token.trim(), output(outputName, sources),
                Map.copyOf(sources));
    }

    /** {@code $XDG_CONFIG_HOME/workspaces/cli.properties}, else {@code $HOME/.config/workspaces/cli.properties}. */
    static Path defaultFile(Map<String, String> env) {
        Function<String, String> get = name -> {
            String value = env.get(name);
            return value == null || value.isBlank() ? null : value;
        };
        String base = get.apply("XDG_CONFIG_HOME");
        if (base == null) {
            String home = get.apply("HOME");
            base = Path.of(home != null ? home : System.getProperty("user.home"), ".config").toString();
        }
        return Path.of(base, "workspaces", "cli.properties");
    }

    private static String pick(String key, String flag, Map<String, String> env, String envName,
                               Properties file, Path filePath, String fallback, Map<String, String> sources) {
        if (flag != null) {
            sources.put(key, "flag --" + key);
            return flag;
        }
        String fromEnv = env.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            sources.put(key, "environment " + envName);
            return fromEnv;
        }
        String fromFile = file.getProperty(key);
        if (fromFile != null && !fromFile.isBlank()) {
            sources.put(key, "config file " + filePath);
            return fromFile.trim();
        }
        sources.put(key, fallback == null ? "not set" : "default");
        return fallback;
    }

    private static Properties read(Path file, boolean explicit) {
        Properties properties = new Properties();
        if (!Files.isRegularFile(file)) {
            if (explicit) {
                throw new CliException(ExitCodes.INVALID, "config file " + file + " does not exist");
            }
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.INVALID, "cannot read config file " + file + ": " + e.getMessage());
        }
        for (String key : properties.stringPropertyNames()) {
            if (!KEYS.contains(key)) {
                throw new CliException(ExitCodes.INVALID, "config file " + file + ": unknown key '" + key
                        + "' (known: " + String.join(", ", KEYS) + ")");
            }
        }
        return properties;
    }

    private static String url(String key, String value, Map<String, String> sources) {
        String trimmed = value.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return trimmed;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CliException(ExitCodes.INVALID, key + " (" + sources.get(key) + ") is not an http(s) base URL: '"
                + value + "'");
    }

    private static Output output(String name, Map<String, String> sources) {
        try {
            return Output.valueOf(name.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.INVALID, "output (" + sources.get("output") + ") must be table or json, not '"
                    + name + "'");
        }
    }
}
