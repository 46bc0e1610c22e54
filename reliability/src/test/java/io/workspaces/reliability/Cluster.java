package io.workspaces.reliability;

import io.workspaces.common.db.DatabaseCreator;
import io.workspaces.common.testing.TestDatabase;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Two command nodes and two query nodes on one fresh PostgreSQL database of their own. */
final class Cluster implements AutoCloseable {

    final String databaseUrl = TestDatabase.SERVER + "/workspaces_reliability_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    final List<Node> commandNodes = List.of(new Node("command-1", Node.Side.COMMAND, databaseUrl),
            new Node("command-2", Node.Side.COMMAND, databaseUrl));
    final List<Node> queryNodes = List.of(new Node("query-1", Node.Side.QUERY, databaseUrl),
            new Node("query-2", Node.Side.QUERY, databaseUrl));
    final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(databaseUrl, TestDatabase.USER,
            TestDatabase.PASSWORD));

    List<Node> all() {
        return Stream.concat(commandNodes.stream(), queryNodes.stream()).toList();
    }

    void start() {
        DatabaseCreator.ensureExists(databaseUrl, TestDatabase.USER, TestDatabase.PASSWORD);
        Node.startAll(all().toArray(Node[]::new));
    }

    @Override
    public void close() {
        all().forEach(Node::stop);
        DatabaseCreator.drop(databaseUrl, TestDatabase.USER, TestDatabase.PASSWORD);
    }
}
