package io.workspaces.query.readdb;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

import java.util.List;
import java.util.Map;

/**
 * The query side's data source on a node with a read database: connections of the read pool while the current
 * thread serves a read ({@link ReadRoute}), of the primary's pool otherwise. The choice is made when a connection is
 * taken, so a transaction stays on the database it began on.
 */
public class ReadRoutingDataSource extends AbstractRoutingDataSource implements AutoCloseable {

    private static final String PRIMARY = "primary";
    private static final String READ = "read";

    private final HikariDataSource primary;
    private final HikariDataSource read;

    ReadRoutingDataSource(HikariDataSource primary, HikariDataSource read) {
        this.primary = primary;
        this.read = read;
        setTargetDataSources(Map.of(PRIMARY, primary, READ, read));
        setDefaultTargetDataSource(primary);
        setLenientFallback(false);
        afterPropertiesSet();
    }

    @Override
    protected Object determineCurrentLookupKey() {
        return ReadRoute.onReplica() ? READ : PRIMARY;
    }

    /** Both pools, the primary's first. */
    public List<HikariDataSource> pools() {
        return List.of(primary, read);
    }

    /** Closes both pools (the data source bean's destroy method). */
    @Override
    public void close() {
        read.close();
        primary.close();
    }
}
