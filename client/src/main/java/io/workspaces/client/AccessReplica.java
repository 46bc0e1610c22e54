package io.workspaces.client;

import io.workspaces.access.AccessIndex;
import io.workspaces.access.Action;
import io.workspaces.access.Decision;
import io.workspaces.client.model.AccessAction;
import io.workspaces.client.model.AccessCheck;
import io.workspaces.client.model.AccessDecision;
import io.workspaces.client.model.EventEnvelope;
import io.workspaces.client.model.FeedPage;
import io.workspaces.events.EventTypes;
import io.workspaces.events.PlatformRole;
import io.workspaces.events.WorkspaceEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A local replica of the service's access index, in the caller's memory: it reads the event feed from its beginning
 * ({@code GET /v1/events}, page by page), then follows the live stream ({@code GET /v1/events/stream}), and answers
 * access checks as {@code POST /v1/access/check} does (the same decisions, role and reason texts, "not found" for
 * anything unknown or unreadable) without a request.
 *
 * <p>After a disconnect, or when the service ends the stream, it re-syncs from the paged feed after the last event it
 * received and reconnects with that event as {@code Last-Event-ID}, so nothing is missed; an event it has applied
 * already (same workspace, position not above the last one applied there) is skipped, so nothing is applied twice.
 *
 * <p>A check with a consistency token waits (up to {@code tokenWait}) until the replica has applied the event at
 * that position, and otherwise asks the service, which waits in its turn. Before the first catch-up ends, checks
 * without a token are asked of the service too.
 *
 * <p>The client's credentials must read the feed: an {@code auditor} or {@code platform-admin} token (both may also
 * ask the service about anyone's access). Checks answer for a principal's workspace roles, as the service does for
 * a checker asking about someone else; pass the principal's platform roles to count them too.
 */
public final class AccessReplica implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(AccessReplica.class.getName());
    private static final int PAGE = 1000;
    /** The service accepts request bodies up to 64 KiB; batches of checks stay below this. */
    private static final int MAX_BODY = 60 * 1024;
    /** Positions applied that are remembered one by one, to tell whether a given token was applied. */
    private static final int RECENT_POSITIONS = 16_384;
    private static final Map<String, Class<? extends WorkspaceEvent>> TYPES = new HashMap<>();

    static {
        EventTypes.all().forEach((type, name) -> TYPES.put(name, type));
    }

    private final WorkspacesClient client;
    private final Duration tokenWait;
    private final Duration retryMin;
    private final Duration retryMax;
    private final AccessIndex index = new AccessIndex();
    /** Follower thread only: per workspace, the last position applied and the number of events applied. */
    private final Map<UUID, long[]> workspaces = new HashMap<>();
    private final ConcurrentSkipListSet<Long> recent = new ConcurrentSkipListSet<>();
    private int recentCount;
    /** Every token at or below this is treated as applied (it fell out of {@link #recent}, or is 0). */
    private volatile long forgottenUpTo;
    private volatile long position;
    /** The position of the last envelope received, in feed order: where to resume. */
    private volatile long resumeAfter;
    private volatile long contactAt = System.nanoTime();
    private volatile EventStream current;
    private volatile boolean caughtUp;
    private volatile boolean closed;
    private volatile RuntimeException lastError;
    private final CountDownLatch firstCatchUp = new CountDownLatch(1);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final AtomicInteger waiters = new AtomicInteger();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();
    private final Thread follower;

    private AccessReplica(Builder builder) {
        // a session's token must not hold up the feed reads, nor the replica's answers change the session
        this.client = builder.client.withoutSession();
        this.tokenWait = builder.tokenWait;
        this.retryMin = builder.retryMin;
        this.retryMax = builder.retryMax;
        this.follower = new Thread(this::follow, builder.threadName);
        follower.setDaemon(true);
    }

    /** A replica following the service {@code client} talks to; {@link Builder#start()} starts it. */
    public static Builder builder(WorkspacesClient client) {
        return new Builder(client);
    }

    /** A replica with the default settings, started. */
    public static AccessReplica start(WorkspacesClient client) {
        return builder(client).start();
    }

    // ---------------------------------------------------------------- checks

    /** May {@code principal} do {@code action} in the live workspace {@code workspace} (id or name)? */
    public AccessDecision check(String principal, String workspace, AccessAction action) {
        return check(AccessCheck.workspace(principal, workspace, action));
    }

    /** May {@code principal} do {@code action} in the workspace that holds the entity? */
    public AccessDecision checkEntity(String principal, String type, String id, AccessAction action) {
        return check(AccessCheck.entity(principal, type, id, action));
    }

    /** One check, answered from memory (asked of the service until the first catch-up is done). */
    public AccessDecision check(AccessCheck check) {
        return check(List.of(check)).get(0);
    }

    /** One check, answered once the replica reflects the write whose consistency token is {@code afterToken}. */
    public AccessDecision check(AccessCheck check, long afterToken) {
        return check(List.of(check), afterToken).get(0);
    }

    /** One check counting the principal's platform roles (wire names: {@code auditor}, {@code platform-admin}...). */
    public AccessDecision check(AccessCheck check, Collection<String> platformRoles) {
        if (!caughtUp) {
            throw new IllegalStateException("the replica has not caught up with the event feed yet");
        }
        Set<PlatformRole> roles = EnumSet.noneOf(PlatformRole.class);
        platformRoles.forEach(role -> PlatformRole.fromWireName(role).ifPresent(roles::add));
        return local(check, roles);
    }

    /** Checks in the order asked, from memory (asked of the service until the first catch-up is done). */
    public List<AccessDecision> check(List<AccessCheck> checks) {
        if (!caughtUp) {
            return remote(checks, null);
        }
        List<AccessDecision> answers = new ArrayList<>(checks.size());
        for (AccessCheck check : checks) {
            answers.add(local(check, Set.of()));
        }
        return answers;
    }

    /**
     * Checks in the order asked, once the replica has applied the event at {@code afterToken} (a write's consistency
     * token); if it has not within {@code tokenWait}, the service answers them after that token instead.
     */
    public List<AccessDecision> check(List<AccessCheck> checks, long afterToken) {
        if (awaitPosition(afterToken, tokenWait)) {
            List<AccessDecision> answers = new ArrayList<>(checks.size());
            for (AccessCheck check : checks) {
                answers.add(local(check, Set.of()));
            }
            return answers;
        }
        return remote(checks, afterToken);
    }

    private AccessDecision local(AccessCheck check, Set<PlatformRole> platformRoles) {
        Action action = Action.fromWireName(check.action().wireName());
        AccessIndex.Answer answer = check.workspace() != null
                ? index.check(check.principal(), check.workspace(), action, platformRoles)
                : index.checkEntity(check.principal(), check.entity().type(), check.entity().id(), action,
                platformRoles);
        Decision decision = answer.decision();
        return new AccessDecision(decision.allowed(), decision.role() == null ? null : decision.role().wireName(),
                answer.workspaceId(), decision.reason());
    }

    private List<AccessDecision> remote(List<AccessCheck> checks, Long afterToken) {
        fallbacks.incrementAndGet();
        WorkspacesClient asking = afterToken == null ? client : client.after(afterToken);
        List<AccessDecision> answers = new ArrayList<>(checks.size());
        for (List<AccessCheck> batch : batches(checks)) {
            answers.addAll(asking.checkAccess(batch).results());
        }
        return answers;
    }

    /**
     * The checks in requests the service accepts: at most {@value #PAGE} checks, and a body well under its 64 KiB
     * limit (1000 checks naming workspaces by id are larger than that).
     */
    static List<List<AccessCheck>> batches(List<AccessCheck> checks) {
        List<List<AccessCheck>> batches = new ArrayList<>();
        int from = 0;
        int bytes = 0;
        for (int i = 0; i < checks.size(); i++) {
            AccessCheck check = checks.get(i);
            // the check as sent, and a comma
            int size = Json.write(check).getBytes(StandardCharsets.UTF_8).length + 1;
            if (i > from && (i - from == PAGE || bytes + size > MAX_BODY)) {
                batches.add(checks.subList(from, i));
                from = i;
                bytes = 0;
            }
            bytes += size;
        }
        if (from < checks.size()) {
            batches.add(checks.subList(from, checks.size()));
        }
        return batches;
    }

    // ---------------------------------------------------------------- position and staleness

    /** The global position of the last event applied (0 before any). */
    public long position() {
        return position;
    }

    /** Whether the event at {@code token} (a write's consistency token) is reflected in the replica's answers. */
    public boolean hasPassed(long token) {
        return token <= forgottenUpTo || recent.contains(token);
    }

    /** Waits up to {@code timeout} until {@link #hasPassed} the token; false if it did not in time. */
    public boolean awaitPosition(long token, Duration timeout) {
        if (hasPassed(token)) {
            return true;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        waiters.incrementAndGet();
        try {
            while (!hasPassed(token)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return false;
                }
                advanced.awaitNanos(left);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            waiters.decrementAndGet();
            lock.unlock();
        }
    }

    /**
     * How long since the replica last heard from the service (an event, a page of the feed or a heartbeat): while
     * connected, at most about the service's heartbeat interval (5 s by default). Anything written before that was
     * reflected then.
     */
    public Duration staleness() {
        EventStream stream = current;
        long last = stream == null ? contactAt : Math.max(contactAt, stream.receivedAtNanos());
        return Duration.ofNanos(Math.max(0, System.nanoTime() - last));
    }

    /** Whether the replica has read the feed up to its end once (checks are answered from memory since). */
    public boolean isCaughtUp() {
        return caughtUp;
    }

    /** Waits up to {@code timeout} for the first catch-up; false if it is not done by then. */
    public boolean awaitCaughtUp(Duration timeout) {
        try {
            return firstCatchUp.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether the live stream is open now. */
    public boolean isConnected() {
        return current != null;
    }

    /** Events applied to the index. */
    public long appliedEvents() {
        return applied.get();
    }

    /** Events received again and skipped (already applied). */
    public long duplicatesSkipped() {
        return duplicates.get();
    }

    /** Times the live stream ended or broke and was reopened. */
    public long reconnects() {
        return reconnects.get();
    }

    /** Checks asked of the service instead (not caught up yet, or a token not reached in time). */
    public long fallbacks() {
        return fallbacks.get();
    }

    /** The last failure to read the feed (it is retried with back-off), or null. */
    public RuntimeException lastError() {
        return lastError;
    }

    AccessIndex index() {
        return index;
    }

    /** Drops the live connection as a network failure would; the replica re-syncs and reconnects. */
    void dropConnection() {
        EventStream stream = current;
        if (stream != null) {
            stream.close();
        }
    }

    @Override
    public void close() {
        closed = true;
        dropConnection();
        follower.interrupt();
        try {
            follower.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lock.lock();
        try {
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    // ---------------------------------------------------------------- following the feed (one thread)

    private void follow() {
        int failures = 0;
        int shortStreams = 0;
        while (!closed) {
            try {
                catchUp();
                failures = 0;
                long opened = System.nanoTime();
                // after a page of the feed, the stream resumes right after its last event: Last-Event-ID
                try (EventStream stream = client.streamEvents(resumeAfter)) {
                    current = stream;
                    while (!closed && stream.hasNext()) {
                        apply(stream.next());
                    }
                } finally {
                    current = null;
                }
                if (!closed) {
                    reconnects.incrementAndGet();
                    // streams that end as soon as they open (a proxy cutting them, say) are retried with back-off
                    shortStreams = System.nanoTime() - opened < retryMax.toNanos() ? shortStreams + 1 : 0;
                    if (shortStreams > 1 && !pause(shortStreams - 1)) {
                        break;
                    }
                }
            } catch (RuntimeException e) {
                if (closed) {
                    break;
                }
                lastError = e;
                failures++;
                if (failures > 1) {
                    LOG.log(System.Logger.Level.WARNING, "access replica: reading the event feed after position {0} "
                            + "failed ({1}); retrying", resumeAfter, e.getClass().getSimpleName());
                }
                reconnects.incrementAndGet();
                if (!pause(failures)) {
                    break;
                }
            }
        }
    }

    private void catchUp() {
        FeedPage page;
        do {
            page = client.events(resumeAfter, PAGE);
            for (EventEnvelope envelope : page.data()) {
                apply(envelope);
            }
            contactAt = System.nanoTime();
        } while (page.hasMore() && !closed);
        if (!caughtUp) {
            caughtUp = true;
            firstCatchUp.countDown();
        }
    }

    private void apply(EventEnvelope envelope) {
        long[] known = workspaces.computeIfAbsent(envelope.workspaceId(), id -> new long[]{-1, 0});
        if (envelope.position() <= known[0]) {
            duplicates.incrementAndGet();
        } else {
            Class<? extends WorkspaceEvent> type = TYPES.get(envelope.type());
            // an event type this client does not know changes nothing it keeps, but still counts in the workspace
            if (type != null) {
                index.apply(Json.convert(envelope.data(), type), known[1]);
            }
            known[0] = envelope.position();
            known[1]++;
            remember(envelope.position());
            position = envelope.position();
            applied.incrementAndGet();
        }
        resumeAfter = envelope.position();
        contactAt = System.nanoTime();
        if (waiters.get() > 0) {
            lock.lock();
            try {
                advanced.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private void remember(long applied) {
        recent.add(applied);
        if (++recentCount > RECENT_POSITIONS) {
            Long oldest = recent.pollFirst();
            recentCount--;
            if (oldest != null && oldest > forgottenUpTo) {
                forgottenUpTo = oldest;
            }
        }
    }

    private boolean pause(int failures) {
        long cap = Math.min(retryMax.toMillis(), retryMin.toMillis() << Math.min(failures - 1, 16));
        long millis = cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1);
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Settings of a replica. */
    public static final class Builder {
        private final WorkspacesClient client;
        private Duration tokenWait = Duration.ofSeconds(2);
        private Duration retryMin = Duration.ofMillis(200);
        private Duration retryMax = Duration.ofSeconds(10);
        private String threadName = "workspaces-access-replica";

        private Builder(WorkspacesClient client) {
            if (client == null) {
                throw new IllegalArgumentException("a replica needs a client");
            }
            this.client = client;
        }

        /** How long a check with a consistency token waits for the replica before asking the service (2 s). */
        public Builder tokenWait(Duration wait) {
            if (wait.isNegative()) {
                throw new IllegalArgumentException("tokenWait must not be negative");
            }
            this.tokenWait = wait;
            return this;
        }

        /** The back-off between attempts to read the feed after a failure: from {@code min}, doubling up to {@code max}, with jitter. */
        public Builder retryDelays(Duration min, Duration max) {
            if (min.isNegative() || min.isZero() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("retry delays: 0 < min <= max");
            }
            this.retryMin = min;
            this.retryMax = max;
            return this;
        }

        public Builder threadName(String name) {
            this.threadName = name;
            return this;
        }

        /** Starts following the feed from its beginning, on a daemon thread of its own. */
        public AccessReplica start() {
            AccessReplica replica = new AccessReplica(this);
            replica.follower.start();
            return replica;
        }
    }
}
