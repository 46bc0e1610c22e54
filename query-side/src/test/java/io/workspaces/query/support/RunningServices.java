package io.workspaces.query.support;

import io.workspaces.command.CommandSideApplication;
import io.workspaces.common.testing.TestTokens;
import io.workspaces.query.QuerySideApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import java.util.List;

/** Starts a real side in this JVM, on a random port, on the given database, verifying test bearer tokens. */
public final class RunningServices {

    private RunningServices() {
    }

    public static ConfigurableApplicationContext commandSide(String databaseUrl, String user, String password) {
        return CommandSideApplication.application().run(arguments(databaseUrl, user, password));
    }

    public static ConfigurableApplicationContext querySide(String databaseUrl, String user, String password,
                                                           String... extra) {
        return querySide(List.of(), databaseUrl, user, password, extra);
    }

    /** A query side with {@code sources} (classes whose beans are added, e.g. a {@code @Primary} stand-in) too. */
    public static ConfigurableApplicationContext querySide(List<Class<?>> sources, String databaseUrl, String user,
                                                           String password, String... extra) {
        String[] base = arguments(databaseUrl, user, password);
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        SpringApplication application = QuerySideApplication.application();
        application.addPrimarySources(sources);
        return application.run(all);
    }

    public static String baseUrl(ConfigurableApplicationContext context) {
        return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    }

    private static String[] arguments(String databaseUrl, String user, String password) {
        return new String[]{"--server.port=0", "--spring.datasource.url=" + databaseUrl,
                "--spring.datasource.username=" + user, "--spring.datasource.password=" + password,
                "--workspaces.security.jwt.hmac-secret=" + TestTokens.SECRET,
                "--workspaces.security.jwt.issuer=" + TestTokens.ISSUER};
    }
}
