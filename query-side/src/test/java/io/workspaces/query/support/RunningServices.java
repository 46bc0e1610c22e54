package io.workspaces.query.support;

import io.workspaces.command.CommandSideApplication;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.query.QuerySideApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Starts a real side in this JVM, on a random port, on the given database, verifying test bearer tokens. */
public final class RunningServices {

    private RunningServices() {
    }

    public static ConfigurableApplicationContext commandSide(String databaseUrl, String user, String password) {
        return CommandSideApplication.application().run(arguments(databaseUrl, user, password));
    }

    /** A command side with {@code extra} arguments; one naming {@code --server.port} replaces the random port. */
    public static ConfigurableApplicationContext commandSide(String databaseUrl, String user, String password,
                                                             String... extra) {
        return CommandSideApplication.application().run(merge(arguments(databaseUrl, user, password), extra));
    }

    public static ConfigurableApplicationContext querySide(String databaseUrl, String user, String password,
                                                           String... extra) {
        return querySide(List.of(), databaseUrl, user, password, extra);
    }

    /** A query side with {@code sources} (classes whose beans are added, e.g. a {@code @Primary} stand-in) too. */
    public static ConfigurableApplicationContext querySide(List<Class<?>> sources, String databaseUrl, String user,
                                                           String password, String... extra) {
        SpringApplication application = QuerySideApplication.application();
        application.addPrimarySources(sources);
        return application.run(merge(arguments(databaseUrl, user, password), extra));
    }

    public static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    /** The base arguments and the extra ones, an extra argument replacing a base one of the same name. */
    private static String[] merge(String[] base, String[] extra) {
        List<String> all = new ArrayList<>();
        for (String argument : base) {
            String name = argument.substring(0, argument.indexOf('=') + 1);
            if (Arrays.stream(extra).noneMatch(e -> e.startsWith(name))) {
                all.add(argument);
            }
        }
        all.addAll(List.of(extra));
        return all.toArray(String[]::new);
    }

    private static String[] arguments(String databaseUrl, String user, String password) {
        return new String[]{"--server.port=0", "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--workspaces.security.jwt.hmac-secret=" + TestTokens.SECRET,
                "--workspaces.security.jwt.issuer=" + TestTokens.ISSUER};
    }
}
