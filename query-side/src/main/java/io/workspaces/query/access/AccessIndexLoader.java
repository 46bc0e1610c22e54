package io.workspaces.query.access;

import io.workspaces.access.AccessIndex;
import io.workspaces.events.Role;
import io.workspaces.query.projection.Projections;
import io.workspaces.query.projection.ProjectionProgress;
import io.workspaces.query.projection.ProjectionVersions;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.DependsOn;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * Fills the access index at start from the workspaces read model, read in one REPEATABLE READ snapshot together with
 * the tokens of the projection that wrote it (they commit in the same transactions). The index then follows the
 * event stream from the lowest position every segment had passed: events the snapshot holds already are
 * recognised by the workspace's version and skipped.
 */
@Component
@DependsOn("querySchema")
class AccessIndexLoader implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(AccessIndexLoader.class);

    private final AccessIndex index;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate snapshot;
    private final ProjectionProgress progress;
    private final ProjectionVersions versions;
    private volatile TrackingToken startToken;
    private volatile boolean loaded;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private volatile long loadMillis;
    private volatile long loadCpuMillis;
    private volatile long memberships;

    public AccessIndexLoader(AccessIndex index, DataSource dataSource, PlatformTransactionManager transactions,
                             ProjectionProgress progress, ProjectionVersions versions) {
        this.index = index;
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(10_000);
        this.snapshot = new TransactionTemplate(transactions);
        this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.snapshot.setReadOnly(true);
        this.progress = progress;
        this.versions = versions;
    }

    @Override
    public void afterPropertiesSet() {
        long started = System.nanoTime();
        long cpuStarted = CPU.getCurrentThreadCpuTime();
        long[] counts = new long[3];
        snapshot.executeWithoutResult(status -> {
            // the views show the live version: its tokens, read in the same snapshot
            startToken = lowestPosition(progress.storedTokens(versions.liveProcessorInDatabase(Projections.WORKSPACES)));
            jdbc.query("SELECT id, name, version, deleted_at IS NULL FROM workspace_view ORDER BY created_at, id",
                    rs -> {
                        index.loadWorkspace(rs.getObject(1, UUID.class), rs.getString(2), rs.getLong(3), rs.getBoolean(4));
                        counts[0]++;
                    });
            jdbc.query("SELECT workspace_id, principal, role FROM membership", rs -> {
                index.loadMember(rs.getObject(1, UUID.class), rs.getString(2), Role.parse(rs.getString(3)));
                counts[1]++;
            });
            jdbc.query("""
                    SELECT workspace_id, entity_type, entity_id FROM workspace_entity
                    ORDER BY registered_at, workspace_id""", rs -> {
                index.loadEntity(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3));
                counts[2]++;
            });
        });
        loadMillis = (System.nanoTime() - started) / 1_000_000;
        loadCpuMillis = (CPU.getCurrentThreadCpuTime() - cpuStarted) / 1_000_000;
        memberships = counts[1];
        loaded = true;
        log.info("access index loaded in {} ms ({} ms of CPU): {} workspaces, {} memberships, {} entities; following "
                        + "the events after position {}", loadMillis, loadCpuMillis, counts[0], counts[1], counts[2],
                startToken == null ? "0 (from the start)" : ((GapAwareTrackingToken) startToken).getIndex());
    }

    /** How long the load from the read model took at start. */
    public long loadMillis() {
        return loadMillis;
    }

    /** The CPU time of the load at start (this thread's; the database's is not counted). */
    public long loadCpuMillis() {
        return loadCpuMillis;
    }

    /** The memberships ({@code *} bindings included) the load read. */
    public long loadedMemberships() {
        return memberships;
    }

    /** Where the index follows the stream from; null for the start of the stream. */
    public TrackingToken startToken() {
        if (!loaded) {
            throw new IllegalStateException("the access index has not been loaded");
        }
        return startToken;
    }

    /**
     * The highest position below which every segment has processed every event: a segment that has processed nothing
     * (or a token of a kind this does not know) means from the start.
     */
    static TrackingToken lowestPosition(List<TrackingToken> tokens) {
        if (tokens.isEmpty()) {
            return null;
        }
        long lowest = Long.MAX_VALUE;
        for (TrackingToken token : tokens) {
            TrackingToken lowerBound = token == null ? null : WrappedToken.unwrapLowerBound(token);
            if (!(lowerBound instanceof GapAwareTrackingToken gapAware)) {
                return null;
            }
            long contiguous = gapAware.getGaps().isEmpty() ? gapAware.getIndex() : gapAware.getGaps().first() - 1;
            lowest = Math.min(lowest, contiguous);
        }
        return lowest < 0 ? null : GapAwareTrackingToken.newInstance(lowest, Collections.emptySortedSet());
    }
}
