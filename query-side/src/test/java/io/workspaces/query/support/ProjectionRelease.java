package io.workspaces.query.support;

import io.workspaces.common.db.DatabaseCreator;
import io.workspaces.common.testing.Api;
import io.workspaces.common.testing.TestDatabase;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database of its own with a command side on it, where a blue/green test plays the release of a projection's new
 * version: workspaces written by the previous release, then query nodes of either release. Closing it stops every
 * node it started, newest first, and drops the database.
 */
public final class ProjectionRelease implements AutoCloseable {

    /** Workspaces written before the release: their names, and the consistency token of the last write. */
    public record Seeded(List<String> names, long token) {
    }

    private final String url;
    private final JdbcTemplate jdbc;
    private final Api command;
    private final List<ConfigurableApplicationContext> started = new ArrayList<>();

    public ProjectionRelease(String databasePrefix) {
        url = TestDatabase.SERVER + "/" + databasePrefix + "_" + UUID.randomUUID().toString().replace("-", "")
                .substring(0, 12);
        DatabaseCreator.ensureExists(url, TestDatabase.USER, TestDatabase.PASSWORD);
        jdbc = new JdbcTemplate(new DriverManagerDataSource(url, TestDatabase.USER, TestDatabase.PASSWORD));
        command = new Api(RunningServices.baseUrl(started(RunningServices.commandSide(url, TestDatabase.USER,
                TestDatabase.PASSWORD)))).as("alice");
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** The command API, as {@code alice}. */
    public Api command() {
        return command;
    }

    /** A query node with the service's own beans and {@code extra} ones (a test's new version). */
    public ConfigurableApplicationContext querySide(List<Class<?>> extra) {
        return started(RunningServices.querySide(extra, url, TestDatabase.USER, TestDatabase.PASSWORD));
    }

    /** {@code count} workspaces named {@code prefix-0}..., each with bob as an editor and one dataset registered. */
    public Seeded seedWorkspaces(String prefix, int count) {
        List<String> names = new ArrayList<>();
        long token = 0;
        for (int i = 0; i < count; i++) {
            String name = prefix + "-" + i;
            names.add(name);
            write(command.post("/v1/workspaces", "{\"name\":\"" + name + "\",\"description\":\"kept " + i + "\"}"));
            write(command.put("/v1/workspaces/" + name + "/members/bob", "{\"role\":\"editor\"}"));
            token = write(command.put("/v1/workspaces/" + name + "/entities/dataset/d" + i));
        }
        return new Seeded(List.copyOf(names), token);
    }

    /** The version of {@code projection} that the views show. */
    public int liveVersion(String projection) {
        return jdbc.queryForObject("SELECT live_version FROM projection_version WHERE projection = ?", Integer.class,
                projection);
    }

    /** Sends a write and returns its consistency token, failing unless it succeeded. */
    public static long write(Api.Request request) {
        Api.Response response = request.send();
        assertThat(response.status()).as(response.body()).isBetween(200, 299);
        return response.consistencyToken();
    }

    private ConfigurableApplicationContext started(ConfigurableApplicationContext context) {
        started.add(context);
        return context;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        DatabaseCreator.drop(url, TestDatabase.USER, TestDatabase.PASSWORD);
    }
}
