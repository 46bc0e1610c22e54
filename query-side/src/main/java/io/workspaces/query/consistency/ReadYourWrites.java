package io.workspaces.query.consistency;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.workspaces.common.db.DatabaseConfiguration;
import io.workspaces.common.web.Headers;
import io.workspaces.common.web.InvalidRequestException;
import io.workspaces.query.projection.CommitSignal;
import io.workspaces.query.projection.ConsistencyTimeoutException;
import io.workspaces.query.projection.ProjectionConfiguration;
import io.workspaces.query.projection.ProjectionProgress;
import io.workspaces.query.web.QueryParameters;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Read-your-writes across the two sides (docs/api.md): a query carrying the consistency token of a write, in the
 * {@value Headers#CONSISTENCY_TOKEN} header or the {@code after} parameter, waits until the projections it reads have passed
 * that position, at most {@code workspaces.consistency.max-wait} (then 503). It looks again whenever a projection
 * of this node moves on, and at least every {@code workspaces.consistency.recheck-interval} for segments that other
 * query nodes process (whose progress this node only reads from their stored tokens).
 *
 * <p>Every wait also waits for this node's access index, which decides who may read what: a read that reflects a
 * write is judged by the roles as they are after it. Reads served by the index alone wait for it alone, without SQL
 * once it has passed the token.
 *
 * <p>On a node that serves reads from a read database ({@code WORKSPACES_READ_DB_URL}), a read's wait is judged by
 * the tokens that database holds ({@link ProjectionProgress}), which replicate in the same transactions as the rows
 * the read will see; only the "ahead of the event log" check asks the primary.
 */
@Component
public class ReadYourWrites {

    private static final Pattern POSITION = Pattern.compile("^\\d{1,18}$");

    private final ProjectionProgress progress;
    private final IndexProgress index;
    private final CommitSignal advanced;
    private final Duration maxWait;
    private final Duration recheck;
    private final Timer passed;
    private final Timer timedOut;
    /** On a node reading from a replica, a token beyond the replica's head is a write still on its way: wait for it. */
    private final boolean readOnly;

    public ReadYourWrites(ProjectionProgress progress, IndexProgress index,
                          ProjectionConfiguration.ProjectionsAdvanced advanced,
                          @Value("${workspaces.consistency.max-wait:5s}") Duration maxWait,
                          @Value("${workspaces.consistency.recheck-interval:25ms}") Duration recheck,
                          @Value("${" + DatabaseConfiguration.READ_ONLY + ":false}") boolean readOnly,
                          MeterRegistry registry) {
        this.readOnly = readOnly;
        this.progress = progress;
        this.index = index;
        this.advanced = advanced.signal();
        this.maxWait = maxWait;
        this.recheck = recheck;
        this.passed = waits(registry, "passed", maxWait);
        this.timedOut = waits(registry, "timeout", maxWait);
    }

    /**
     * {@code workspaces_consistency_waits_seconds{outcome}}: how long reads carrying a consistency token waited,
     * {@code passed} (then served) or {@code timeout} (then 503), as a histogram up to the longest wait.
     */
    private static Timer waits(MeterRegistry registry, String outcome, Duration maxWait) {
        return Timer.builder("workspaces.consistency.waits")
                .description("Time reads carrying a consistency token waited for the projections")
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(maxWait.plusSeconds(1))
                .register(registry);
    }

    /**
     * Waits for the token of {@code request}, if it carries one, to be passed by every one of {@code projections} and
     * by the access index.
     */
    public void await(HttpServletRequest request, String... projections) {
        Long position = requestedPosition(request);
        if (position != null) {
            await(position, source(request), projections);
        }
    }

    /** Waits for the token of {@code request}, if it carries one, to be passed by the access index alone. */
    public void awaitAccessIndex(HttpServletRequest request) {
        await(request, new String[0]);
    }

    /**
     * Waits for {@code after} (a token from a request body, or null), or else for the token of {@code request}, to be
     * passed by the access index; the two must agree when both are given.
     */
    public void awaitAccessIndex(HttpServletRequest request, Long after, String afterField) {
        Long position = accessIndexPosition(request, after, afterField);
        if (position != null) {
            await(position, after != null ? afterField : source(request), new String[0]);
        }
    }

    /** The token an access-index read waits for: {@code after}, else the request's; null for none. */
    private static Long accessIndexPosition(HttpServletRequest request, Long after, String afterField) {
        Long fromRequest = requestedPosition(request);
        if (after != null && fromRequest != null && !after.equals(fromRequest)) {
            throw InvalidRequestException.of(afterField, "differs from the " + Headers.CONSISTENCY_TOKEN + " header; send one");
        }
        if (after != null && after < 0) {
            throw InvalidRequestException.of(afterField, "must be a consistency token as returned by a write "
                    + "(a non-negative integer)");
        }
        return after != null ? after : fromRequest;
    }

    /**
     * True when an answer from the access index needs no wait: the request carries no consistency token (neither
     * {@code after} nor the header), or a valid one the index has already passed. False otherwise, the token being
     * valid or not: {@link #awaitAccessIndex(HttpServletRequest, Long, String)} then waits, or refuses it.
     */
    public boolean accessIndexPassedWithoutWaiting(HttpServletRequest request, Long after) {
        if (after == null && request.getHeader(Headers.CONSISTENCY_TOKEN) == null && request.getQueryString() == null) {
            return true;
        }
        Long position;
        try {
            position = accessIndexPosition(request, after, QueryParameters.AFTER);
        } catch (InvalidRequestException invalid) {
            return false;
        }
        if (position == null) {
            return true;
        }
        if (!index.hasPassed(position)) {
            return false;
        }
        passed.record(0, TimeUnit.NANOSECONDS);
        return true;
    }

    private void await(long position, String source, String[] projections) {
        long started = System.nanoTime();
        try {
            awaitPassed(position, source, projections, started);
        } catch (ConsistencyTimeoutException timeout) {
            timedOut.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
            throw timeout;
        }
        passed.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
    }

    private void awaitPassed(long position, String source, String[] projections, long started) {
        if (projections.length == 0 && index.hasPassed(position)) {
            return;
        }
        if (!readOnly && position > progress.head()) {
            throw InvalidRequestException.of(source, "is ahead of the event log: no write has that position");
        }
        long deadline = started + maxWait.toNanos();
        for (String projection : List.of(projections)) {
            if (!advanced.awaitUntil(() -> progress.hasPassed(projection, position), recheck, deadline)) {
                throw new ConsistencyTimeoutException(position, (System.nanoTime() - started) / 1_000_000);
            }
        }
        if (!advanced.awaitUntil(() -> index.hasPassed(position), recheck, deadline)) {
            throw new ConsistencyTimeoutException(position, (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static Long requestedPosition(HttpServletRequest request) {
        String header = request.getHeader(Headers.CONSISTENCY_TOKEN);
        String parameter = request.getParameter(QueryParameters.AFTER);
        if (header != null && parameter != null && !header.trim().equals(parameter)) {
            throw InvalidRequestException.of(QueryParameters.AFTER, "differs from the " + Headers.CONSISTENCY_TOKEN + " header; send one");
        }
        String raw = header != null ? header.trim() : parameter;
        if (raw == null) {
            return null;
        }
        if (!POSITION.matcher(raw).matches()) {
            throw InvalidRequestException.of(source(request), "must be a consistency token as returned by a write "
                    + "(a non-negative integer)");
        }
        return Long.parseLong(raw);
    }

    private static String source(HttpServletRequest request) {
        return request.getHeader(Headers.CONSISTENCY_TOKEN) != null ? Headers.CONSISTENCY_TOKEN : QueryParameters.AFTER;
    }
}
