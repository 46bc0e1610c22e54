package io.workspaces.query.readdb;

import java.util.function.Supplier;

/**
 * Whether the current thread's SQL goes to the read database ({@code WORKSPACES_READ_DB_URL}) instead of the
 * primary. Only {@link ReadRequests} sets it, for the duration of a read request on a node that has a read database;
 * everywhere else (processors, webhooks, broker, schedulers, start-up, and every node without one) it is unset and
 * {@link ReadRoutingDataSource} hands out primary connections.
 */
public final class ReadRoute {

    private static final ThreadLocal<Boolean> REPLICA = new ThreadLocal<>();

    private ReadRoute() {
    }

    /** True while the current thread serves a read from the read database. */
    public static boolean onReplica() {
        return REPLICA.get() != null;
    }

    /** Sends this thread's SQL to the read database until {@link #restore}; returns the route to restore. */
    static Boolean enter() {
        Boolean before = REPLICA.get();
        REPLICA.set(Boolean.TRUE);
        return before;
    }

    /** Runs {@code work} on the primary, whatever the current thread's route (the head of the event log, say). */
    public static <T> T onPrimary(Supplier<T> work) {
        Boolean before = REPLICA.get();
        if (before == null) {
            return work.get();
        }
        REPLICA.remove();
        try {
            return work.get();
        } finally {
            restore(before);
        }
    }

    /**
     * {@code task} with the route of the thread that submits it: a streamed response (an audit export) written on
     * another thread reads where its request read.
     */
    public static Runnable propagating(Runnable task) {
        if (!onReplica()) {
            return task;
        }
        return () -> {
            Boolean before = enter();
            try {
                task.run();
            } finally {
                restore(before);
            }
        };
    }

    static void restore(Boolean before) {
        if (before == null) {
            REPLICA.remove();
        } else {
            REPLICA.set(before);
        }
    }
}
