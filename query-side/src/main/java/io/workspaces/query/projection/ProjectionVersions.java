package io.workspaces.query.projection;

import io.workspaces.common.db.DatabaseConfiguration;
import io.workspaces.common.web.Failures;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Blue/green projections: which version of each versioned projection reads see, and the move from one to the next.
 *
 * <p>Every version this node's code has ({@link ProjectionVersion} beans) that is not older than the live one is
 * processed, each into its own tables with its own tokens. Reads go through views of the plain table names over the
 * live version's tables. A node whose code has a version newer than the live one rebuilds it from the start of the
 * log beside the live one, which keeps serving; once the new version has caught up with the head of the log (and
 * every node of the new code has had a few seconds to notice, so that reads carrying a consistency token wait for
 * both versions from then on), one node replaces the views and records the new live version in
 * {@code projection_version}, in one transaction. Nodes stop processing the previous version as they notice, and
 * its tables and tokens are dropped once no node has claimed one of its segments for a claim timeout: a node of
 * the previous release still running in a rolling deploy keeps them alive until it stops.
 *
 * <p>A node whose versions are all settled (one version, the live one, nothing left to drop) does nothing here after
 * start-up: the live versions are read once, and looked up in memory by every read.
 */
@Component
@DependsOn("querySchema")
public class ProjectionVersions {

    private static final Logger log = LoggerFactory.getLogger(ProjectionVersions.class);
    /** A caught-up new version goes live this long after this node first saw it caught up. */
    static final Duration SWITCH_AFTER_CAUGHT_UP = Duration.ofSeconds(3);
    /** A statement of the switch waits at most this long for a lock (reads queue behind the views' lock). */
    private static final String LOCK_TIMEOUT = "2s";

    private final Map<String, List<ProjectionVersion>> local;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final StoredTokens tokens;
    private final ObjectProvider<EventProcessingConfiguration> processing;
    private final boolean readOnly;
    private final Map<String, Integer> live = new ConcurrentHashMap<>();
    /** New versions this node has seen caught up with the head, and since when (nanoTime). */
    private final Map<String, Long> caughtUpSince = new ConcurrentHashMap<>();
    private final Set<String> logged = ConcurrentHashMap.newKeySet();
    private volatile boolean settled;

    public ProjectionVersions(List<ProjectionVersion> versions, JdbcTemplate jdbc,
                              PlatformTransactionManager transactionManager, StoredTokens tokens,
                              ObjectProvider<EventProcessingConfiguration> processing, Environment environment) {
        this.local = byProjection(versions);
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.tokens = tokens;
        this.processing = processing;
        this.readOnly = DatabaseConfiguration.readOnly(environment);
        readLiveVersions();
        settled = isSettled(false);
    }

    /**
     * The processors to register for {@code projections}: each version of a versioned projection, the projection's
     * own name for the others.
     */
    public static List<String> processors(List<String> projections, List<ProjectionVersion> versions) {
        Map<String, List<ProjectionVersion>> byProjection = byProjection(versions);
        List<String> processors = new ArrayList<>();
        for (String projection : projections) {
            List<ProjectionVersion> ofProjection = byProjection.get(projection);
            if (ofProjection == null) {
                processors.add(projection);
            } else {
                ofProjection.forEach(version -> processors.add(version.processor()));
            }
        }
        return processors;
    }

    /** False for the processor of a version older than the live one: it no longer runs, and its tables go. */
    public boolean runs(String processor) {
        for (List<ProjectionVersion> versions : local.values()) {
            for (ProjectionVersion version : versions) {
                if (version.processor().equals(processor)) {
                    return version.version() >= liveVersion(version.projection());
                }
            }
        }
        return true;
    }

    /** The processor of the version of {@code projection} reads see (the projection's name when not versioned). */
    public String liveProcessor(String projection) {
        Integer version = live.get(projection);
        return version == null ? projection : ProjectionVersion.processor(projection, version);
    }

    /**
     * The processor of a new version of {@code projection} that has caught up and may go live at any moment (null if
     * none): reads carrying a consistency token wait for it too, whichever version the views show when they read.
     */
    public String switchingProcessor(String projection) {
        if (settled) {
            return null;
        }
        List<ProjectionVersion> versions = local.get(projection);
        if (versions == null) {
            return null;
        }
        ProjectionVersion newest = versions.get(versions.size() - 1);
        return newest.version() > liveVersion(projection) && caughtUpSince.containsKey(newest.processor())
                ? newest.processor() : null;
    }

    /** The live version's processor as the database says now, in the caller's transaction (for a snapshot). */
    public String liveProcessorInDatabase(String projection) {
        List<Integer> version = jdbc.queryForList(
                "SELECT live_version FROM projection_version WHERE projection = ?", Integer.class, projection);
        return version.isEmpty() ? liveProcessor(projection) : ProjectionVersion.processor(projection, version.get(0));
    }

    private int liveVersion(String projection) {
        return live.getOrDefault(projection, 1);
    }

    @Scheduled(initialDelay = 1000, fixedDelay = 1000)
    void advance() {
        if (settled) {
            return;
        }
        try {
            readLiveVersions();
            for (Map.Entry<String, List<ProjectionVersion>> entry : local.entrySet()) {
                advance(entry.getKey(), entry.getValue());
            }
            settled = isSettled(true);
            if (settled) {
                log.info("projection versions settled: {}", live);
            }
        } catch (RuntimeException e) {
            log.warn("could not move the projection versions on: {}", Failures.describe(e));
        }
    }

    private void advance(String projection, List<ProjectionVersion> versions) {
        int liveVersion = liveVersion(projection);
        ProjectionVersion newest = versions.get(versions.size() - 1);
        if (newest.version() > liveVersion) {
            switchWhenCaughtUp(projection, liveVersion, newest);
        }
        for (ProjectionVersion version : versions) {
            if (version.version() < liveVersion) {
                stopLocally(version);
            }
        }
        Integer previous = previousVersion(projection);
        if (previous != null && previous < liveVersion && !readOnly) {
            dropWhenUnclaimed(projection, previous, newest.tables());
        }
    }

    private void switchWhenCaughtUp(String projection, int liveVersion, ProjectionVersion candidate) {
        long head = head();
        if (!caughtUp(candidate.processor(), head)) {
            if (logged.add("rebuilding " + candidate.processor())) {
                log.info("projection {}: version {} is being rebuilt beside version {}, which serves the reads until "
                        + "it has caught up", projection, candidate.version(), liveVersion);
            }
            return;
        }
        Long since = caughtUpSince.putIfAbsent(candidate.processor(), System.nanoTime());
        if (since == null) {
            log.info("projection {}: version {} has caught up with the head of the log (position {}); it goes live in "
                    + "{} s", projection, candidate.version(), head, SWITCH_AFTER_CAUGHT_UP.toSeconds());
            return;
        }
        if (readOnly || System.nanoTime() - since < SWITCH_AFTER_CAUGHT_UP.toNanos()) {
            return;
        }
        Boolean switched = transactions.execute(status -> switchTo(projection, liveVersion, candidate));
        if (Boolean.TRUE.equals(switched)) {
            live.put(projection, candidate.version());
        }
    }

    /** The switch itself: the views and the live version, in the caller's transaction. */
    private boolean switchTo(String projection, int from, ProjectionVersion to) {
        jdbc.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
        jdbc.update("INSERT INTO projection_version (projection, live_version) VALUES (?, 1) ON CONFLICT DO NOTHING",
                projection);
        Integer current = jdbc.queryForObject(
                "SELECT live_version FROM projection_version WHERE projection = ? FOR UPDATE", Integer.class, projection);
        long head = head();
        if (current == null || current != from || !caughtUp(to.processor(), head)) {
            return false;
        }
        for (String table : to.tables()) {
            jdbc.execute("DROP VIEW IF EXISTS " + table);
            jdbc.execute("CREATE VIEW " + table + " AS SELECT * FROM " + to.table(table));
        }
        jdbc.update("UPDATE projection_version SET live_version = ?, previous_version = ?, switched_at = now() "
                + "WHERE projection = ?", to.version(), from, projection);
        log.info("projection {}: version {} is live (caught up at position {}); version {} is dropped once no query "
                + "node processes it", projection, to.version(), head, from);
        return true;
    }

    private void stopLocally(ProjectionVersion version) {
        processing.getObject().eventProcessor(version.processor(), StreamingEventProcessor.class)
                .filter(StreamingEventProcessor::isRunning)
                .ifPresent(processor -> {
                    log.info("projection {}: version {} is no longer live; stopping its processor {} on this node",
                            version.projection(), version.version(), version.processor());
                    processor.shutDown();
                });
    }

    /**
     * Drops the previous version's tables and tokens once no node holds a claim on one of its segments (a claim not
     * renewed for a claim timeout is a node gone), and not before a claim timeout after the switch.
     */
    private void dropWhenUnclaimed(String projection, int previous, List<String> tables) {
        ProjectionVersion old = new ProjectionVersion(projection, previous, tables);
        Instant claimedSince = Instant.now().minus(ProjectionProperties.CLAIM_TIMEOUT);
        Boolean recent = jdbc.queryForObject("SELECT switched_at > now() - make_interval(secs => ?) "
                        + "FROM projection_version WHERE projection = ?", Boolean.class,
                ProjectionProperties.CLAIM_TIMEOUT.toSeconds(), projection);
        long claimed = jdbc.query("SELECT timestamp FROM token_entry WHERE processor_name = ? AND owner IS NOT NULL",
                (rs, row) -> rs.getString(1), old.processor()).stream().filter(at -> claimedAfter(at, claimedSince))
                .count();
        if (Boolean.TRUE.equals(recent) || claimed > 0) {
            if (claimed > 0 && logged.add("claimed " + old.processor())) {
                log.info("projection {}: version {} is still processed by a query node ({} segments claimed); its "
                        + "tables are dropped once it stops", projection, previous, claimed);
            }
            return;
        }
        transactions.executeWithoutResult(status -> {
            jdbc.execute("SET LOCAL lock_timeout = '" + LOCK_TIMEOUT + "'");
            Integer stillPrevious = jdbc.queryForObject(
                    "SELECT previous_version FROM projection_version WHERE projection = ? FOR UPDATE", Integer.class,
                    projection);
            if (stillPrevious == null || stillPrevious != previous) {
                return;
            }
            for (String table : tables) {
                jdbc.execute("DROP TABLE IF EXISTS " + old.table(table));
            }
            int tokenRows = jdbc.update("DELETE FROM token_entry WHERE processor_name = ?", old.processor());
            jdbc.update("UPDATE projection_version SET previous_version = NULL WHERE projection = ?", projection);
            log.info("projection {}: version {}'s tables {} and its {} token rows dropped", projection, previous,
                    tables.stream().map(old::table).toList(), tokenRows);
        });
    }

    private static boolean claimedAfter(String timestamp, Instant since) {
        try {
            return timestamp == null || Instant.parse(timestamp).isAfter(since);
        } catch (DateTimeParseException e) {
            return true;
        }
    }

    /** Every segment of {@code processor} has stored a token at or past {@code head}. */
    private boolean caughtUp(String processor, long head) {
        List<StoredTokens.StoredToken> stored = tokens.of(processor);
        if (stored.isEmpty()) {
            return false;
        }
        for (StoredTokens.StoredToken token : stored) {
            TrackingToken trackingToken = tokens.deserialize(token);
            TrackingToken lowerBound = trackingToken == null ? null : WrappedToken.unwrapLowerBound(trackingToken);
            if (!(lowerBound instanceof GapAwareTrackingToken gapAware) || gapAware.getIndex() < head) {
                return false;
            }
        }
        return true;
    }

    private long head() {
        Long head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? 0 : head;
    }

    private Integer previousVersion(String projection) {
        List<Integer> previous = jdbc.queryForList(
                "SELECT previous_version FROM projection_version WHERE projection = ?", Integer.class, projection);
        return previous.isEmpty() ? null : previous.get(0);
    }

    private void readLiveVersions() {
        Map<String, Integer> read = new HashMap<>();
        jdbc.query("SELECT projection, live_version FROM projection_version",
                rs -> {
                    read.put(rs.getString(1), rs.getInt(2));
                });
        live.putAll(read);
    }

    /**
     * Nothing to do here any more: every versioned projection has one version on this node, the live one, and no
     * previous version left to drop.
     */
    private boolean isSettled(boolean processorsStarted) {
        for (Map.Entry<String, List<ProjectionVersion>> entry : local.entrySet()) {
            List<ProjectionVersion> versions = entry.getValue();
            int liveVersion = liveVersion(entry.getKey());
            // before the processors start, an older version's never will (runs)
            boolean olderRunning = processorsStarted && versions.stream().anyMatch(version ->
                    version.version() < liveVersion && processing.getObject()
                            .eventProcessor(version.processor(), StreamingEventProcessor.class)
                            .map(StreamingEventProcessor::isRunning).orElse(false));
            if (versions.get(versions.size() - 1).version() != liveVersion || olderRunning
                    || previousVersion(entry.getKey()) != null) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, List<ProjectionVersion>> byProjection(List<ProjectionVersion> versions) {
        Map<String, List<ProjectionVersion>> byProjection = new LinkedHashMap<>();
        for (ProjectionVersion version : versions) {
            byProjection.computeIfAbsent(version.projection(), p -> new ArrayList<>()).add(version);
        }
        byProjection.values().forEach(list -> list.sort(Comparator.comparingInt(ProjectionVersion::version)));
        return byProjection;
    }
}
