package io.workspaces.query.admin;

import io.workspaces.common.db.DatabaseConfiguration;
import io.workspaces.common.web.Failures;
import io.workspaces.query.audit.AuditChainWriter;
import io.workspaces.query.projection.ProjectionProgress;
import io.workspaces.query.projection.ProjectionVersions;
import io.workspaces.query.projection.Projections;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Rebuilds (replays) a projection from position 0 while the service keeps serving, and reports where every
 * processor stands, with the replay's rate and ETA. Progress of a running replay is logged every few seconds.
 */
@Component
class ProjectionAdmin {

    private static final Logger log = LoggerFactory.getLogger(ProjectionAdmin.class);
    /** Rates are measured over the last this many samples (one a second). */
    private static final int WINDOW = 10;
    private static final int LOG_EVERY_SAMPLES = 5;
    /**
     * While no projection is being rebuilt, progress is sampled only every this many seconds (to notice a rebuild
     * another node started): an idle node should send PostgreSQL (nearly) nothing.
     */
    private static final int IDLE_SAMPLE_EVERY = 10;
    /**
     * Marks the replay tokens of a rebuild started here, to tell them from the replay tokens Axon gives a
     * processor that starts on a log that already holds events (its initial catch-up, not a rebuild).
     */
    static final String REBUILD = "rebuild";

    private final EventProcessingConfiguration processing;
    private final ProjectionProgress progress;
    private final ProjectionVersions versions;
    private final Map<String, Deque<Sample>> samples = new ConcurrentHashMap<>();
    private long sampleCount;
    /** A rebuild was seen in the last sample, or started here since: sample every second. */
    private volatile boolean rebuilding;

    private final boolean readOnly;

    public ProjectionAdmin(EventProcessingConfiguration processing, ProjectionProgress progress,
                           ProjectionVersions versions, Environment environment) {
        this.processing = processing;
        this.progress = progress;
        this.versions = versions;
        this.readOnly = DatabaseConfiguration.readOnly(environment);
    }

    private record Sample(long nanos, long position) {
    }

    /** Every processor: the rebuildable projections, then the audit chain. */
    public List<ProjectionStatus> statuses() {
        return names().stream().map(this::status).toList();
    }

    public Optional<ProjectionStatus> find(String name) {
        return names().contains(name) ? Optional.of(status(name)) : Optional.empty();
    }

    /**
     * Starts rebuilding {@code name} from position 0: stops its processor on this node, replaces every
     * segment's token with a replay token (its reset handler empties its tables first), and starts it again.
     */
    public ProjectionStatus replay(String name) {
        if (AuditChainWriter.PROCESSOR.equals(name)) {
            throw new ReplayRefusedException("the audit chain is never rebuilt: recomputing it from the event store "
                    + "as it is now would bless any change made to it");
        }
        StreamingEventProcessor processor = processor(name);
        if (readOnly) {
            throw new ReplayRefusedException("this query node reads from a read-only replica and processes no "
                    + "projection; rebuild " + name + " on a query node of the primary database");
        }
        if (status(name).replay() != null) {
            throw new ReplayRefusedException("projection " + name + " is already being rebuilt");
        }
        processor.shutDown();
        try {
            processor.resetTokens(REBUILD);
        } catch (UnableToClaimTokenException heldElsewhere) {
            throw new ReplayRefusedException("another query node holds segments of " + name + "; stop its processor "
                    + "there (or that node) and retry");
        } finally {
            processor.start();
        }
        samples.remove(name);
        rebuilding = true;
        log.info("rebuilding projection {} from position 0", name);
        return status(name);
    }

    @Scheduled(fixedDelay = 1000)
    void sample() {
        try {
            sampleProgress();
        } catch (RuntimeException e) {
            log.warn("could not sample projection progress: {}", Failures.describe(e));
        }
    }

    private void sampleProgress() {
        sampleCount++;
        if (!rebuilding && sampleCount % IDLE_SAMPLE_EVERY != 0) {
            return;
        }
        boolean rebuildSeen = false;
        for (String name : names()) {
            List<TrackingToken> tokens = progress.storedTokens(versions.liveProcessor(name));
            boolean rebuild = tokens.stream().anyMatch(ProjectionAdmin::isRebuild);
            rebuildSeen |= rebuild;
            OptionalLong position = position(tokens);
            if (position.isEmpty()) {
                continue;
            }
            Deque<Sample> window = samples.computeIfAbsent(name, n -> new ArrayDeque<>());
            synchronized (window) {
                if (!window.isEmpty() && window.peekLast().position() > position.getAsLong()) {
                    // reset since (a rebuild started elsewhere): earlier samples say nothing about its rate
                    window.clear();
                }
                window.addLast(new Sample(System.nanoTime(), position.getAsLong()));
                while (window.size() > WINDOW) {
                    window.removeFirst();
                }
            }
            if (rebuild && sampleCount % LOG_EVERY_SAMPLES == 0) {
                ProjectionStatus status = status(name);
                if (status.replay() != null) {
                    log.info("rebuilding projection {}: position {} of {} ({}%), {} events/s, ETA {} s", name,
                            status.position(), status.replay().target(), String.format("%.1f", status.replay().percent()),
                            status.replay().eventsPerSecond() == null ? "?" : Math.round(status.replay().eventsPerSecond()),
                            status.replay().etaSeconds() == null ? "?" : status.replay().etaSeconds());
                }
            }
        }
        rebuilding = rebuildSeen;
    }

    private static boolean isRebuild(TrackingToken token) {
        return token != null && ReplayToken.replayContext(token, String.class).filter(REBUILD::equals).isPresent();
    }

    private ProjectionStatus status(String name) {
        StreamingEventProcessor processor = processor(name);
        List<TrackingToken> tokens = progress.storedTokens(versions.liveProcessor(name));
        long head = progress.head();
        OptionalLong position = position(tokens);
        Long current = position.isPresent() ? position.getAsLong() : null;
        String state = processor.isError() ? "error" : !processor.isRunning() ? "stopped" : "running";
        ProjectionStatus.Replay replay = null;
        OptionalLong target = tokens.stream().filter(ProjectionAdmin::isRebuild)
                .map(ReplayToken::getTokenAtReset).filter(OptionalLong::isPresent)
                .mapToLong(OptionalLong::getAsLong).max();
        if (target.isPresent() && (current == null || current < target.getAsLong())) {
            state = "replaying";
            long at = current == null ? 0 : current;
            double percent = target.getAsLong() == 0 ? 100 : Math.min(100, 100.0 * at / target.getAsLong());
            Double rate = rate(name);
            Long eta = rate == null || rate <= 0 ? null : Math.round((target.getAsLong() - at) / rate);
            replay = new ProjectionStatus.Replay(target.getAsLong(), percent, rate, eta);
        }
        return new ProjectionStatus(name, state, !AuditChainWriter.PROCESSOR.equals(name) && processor.supportsReset(),
                current, head,
                current == null ? null : Math.max(0, head - current), replay);
    }

    private Double rate(String name) {
        Deque<Sample> window = samples.get(name);
        if (window == null) {
            return null;
        }
        synchronized (window) {
            if (window.size() < 2) {
                return null;
            }
            Sample first = window.peekFirst();
            Sample last = window.peekLast();
            double seconds = (last.nanos() - first.nanos()) / 1e9;
            return seconds <= 0 ? null : (last.position() - first.position()) / seconds;
        }
    }

    /** The position every segment has passed: the lowest of their (lower-bound) positions. */
    private static OptionalLong position(List<TrackingToken> tokens) {
        if (tokens.isEmpty() || tokens.stream().anyMatch(Objects::isNull)) {
            return OptionalLong.empty();
        }
        // a replay from the start has no lower bound until it processes its first event: it stands at 0
        return tokens.stream().map(WrappedToken::unwrapLowerBound)
                .mapToLong(lower -> lower == null ? 0 : lower.position().orElse(0)).min();
    }

    private StreamingEventProcessor processor(String name) {
        // a versioned projection is rebuilt and reported as the version reads see
        return processing.eventProcessor(versions.liveProcessor(name), StreamingEventProcessor.class)
                .orElseThrow(() -> new UnknownProjectionException(name));
    }

    private static List<String> names() {
        return Stream.concat(Projections.ALL.stream(), Stream.of(AuditChainWriter.PROCESSOR)).toList();
    }
}
