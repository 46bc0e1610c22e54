package io.workspaces.cli;

import picocli.CommandLine;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Resolves the settings: a flag wins over the environment, which wins over the config file
 * ({@code --config FILE}, else {@code $XDG_CONFIG_HOME/workspaces/cli.properties}, else
 * {@code ~/.config/workspaces/cli.properties}), which wins over the defaults.
 *
 * <p>picocli does the precedence: this is the command line's default value provider, asked only for the options
 * not given as flags, after the flags were parsed (so {@code --config} is known by then). It answers from the
 * environment, then from the file (through picocli's {@link CommandLine.PropertiesDefaultProvider}, whose keys are
 * the long option names), then the built-in default, and remembers which one answered.
 */
final class Config implements IDefaultValueProvider {

    static final String DEFAULT_COMMAND_URL = "http://127.0.0.1:8081";
    static final String DEFAULT_QUERY_URL = "http://127.0.0.1:8082";
    static final String COMMAND_URL_ENV = "WORKSPACES_COMMAND_URL";
    static final String QUERY_URL_ENV = "WORKSPACES_QUERY_URL";
    static final String TOKEN_ENV = "WORKSPACES_TOKEN";
    static final String OUTPUT_ENV = "WORKSPACES_OUTPUT";
    /** The keys a config file may hold: the settings' long option names. */
    static final List<String> KEYS = List.of("command-url", "query-url", "token", "output");
    private static final Map<String, String> ENVIRONMENT = Map.of("command-url", COMMAND_URL_ENV,
            "query-url", QUERY_URL_ENV, "token", TOKEN_ENV, "output", OUTPUT_ENV);
    private static final Map<String, String> DEFAULTS = Map.of("command-url", DEFAULT_COMMAND_URL,
            "query-url", DEFAULT_QUERY_URL, "output", Output.table.name());

    /** What was given on the command line (null: not given). */
    record Flags(String commandUrl, String queryUrl, String token, Output output, Path configFile) {
    }

    private final Map<String, String> env;
    private final Supplier<Path> configFlag;
    /** Where each default came from; a setting missing here was given as a flag. */
    private final Map<String, String> sources = new LinkedHashMap<>();
    private Path file;
    private IDefaultValueProvider fileDefaults;
    private CliException fileProblem;
    /** A default that is no valid value, reported when the settings are used (and not as a usage error). */
    private CliException problem;

    /** {@code configFlag}: the value of {@code --config}, read when the first default is asked for. */
    Config(Map<String, String> env, Supplier<Path> configFlag) {
        this.env = env;
        this.configFlag = configFlag;
    }

    @Override
    public String defaultValue(ArgSpec argument) throws Exception {
        if (!(argument instanceof OptionSpec option) || !KEYS.contains(key(option))) {
            return null;
        }
        String key = key(option);
        String fromEnv = env.get(ENVIRONMENT.get(key));
        if (fromEnv != null && !fromEnv.isBlank()) {
            sources.put(key, "environment " + ENVIRONMENT.get(key));
            return checked(key, fromEnv);
        }
        String fromFile = fileDefaults() == null ? null : fileDefaults.defaultValue(option);
        if (fromFile != null && !fromFile.isBlank()) {
            sources.put(key, "config file " + file);
            return checked(key, fromFile.trim());
        }
        sources.put(key, DEFAULTS.containsKey(key) ? "default" : "not set");
        return DEFAULTS.get(key);
    }

    /** An output name from the environment or the file, as picocli's converter takes it (any case). */
    private String checked(String key, String value) {
        if (!key.equals("output")) {
            return value;
        }
        try {
            return output(value, sources).name();
        } catch (CliException e) {
            problem = e;
            return null;
        }
    }

    /** The settings from the parsed options (flags and the defaults this provider gave). */
    Settings settings(String commandUrl, String queryUrl, String token, Output output) {
        fileDefaults();
        if (fileProblem != null) {
            throw fileProblem;
        }
        if (problem != null) {
            throw problem;
        }
        Map<String, String> all = new LinkedHashMap<>();
        for (String key : KEYS) {
            all.put(key, sources.getOrDefault(key, "flag --" + key));
        }
        String command = url("command-url", commandUrl, all);
        String query = url("query-url", queryUrl, all);
        String bearer = token;
        if (bearer != null && bearer.isBlank()) {
            all.put("token", all.get("token") + " (empty: none)");
            bearer = null;
        }
        return new Settings(command, query, bearer == null ? null : bearer.trim(), output, Map.copyOf(all));
    }

    /** The settings for these flags and this environment, exactly as a command line with them would resolve them. */
    static Settings resolve(Flags flags, Map<String, String> env) {
        PrintStream discard = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        Io io = new Io(InputStream.nullInputStream(), discard, discard, env, false, false);
        WorkspacesCli cli = new WorkspacesCli(io);
        CommandLine commandLine = new CommandLine(cli);
        commandLine.setDefaultValueProvider(cli.defaults);
        List<String> args = new ArrayList<>();
        addFlag(args, "--command-url", flags.commandUrl());
        addFlag(args, "--query-url", flags.queryUrl());
        addFlag(args, "--token", flags.token());
        addFlag(args, "--output", flags.output() == null ? null : flags.output().name());
        addFlag(args, "--config", flags.configFile() == null ? null : flags.configFile().toString());
        commandLine.parseArgs(args.toArray(String[]::new));
        return cli.settings();
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

    private static void addFlag(List<String> args, String name, String value) {
        if (value != null) {
            args.add(name + "=" + value);
        }
    }

    private static String key(OptionSpec option) {
        return option.longestName().replaceFirst("^--", "");
    }

    /** The config file's defaults, read once; a broken file is reported when the settings are used. */
    private IDefaultValueProvider fileDefaults() {
        if (fileDefaults == null && fileProblem == null) {
            Path explicit = configFlag.get();
            file = explicit != null ? explicit : defaultFile(env);
            try {
                fileDefaults = new CommandLine.PropertiesDefaultProvider(read(file, explicit != null));
            } catch (CliException e) {
                fileProblem = e;
            }
        }
        return fileDefaults;
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
