package io.workspaces.common.eventstore;

import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

import java.util.OptionalLong;

/**
 * The global position of the newest event a command appended, as the append's own INSERT returned it, so
 * that a write can answer with its consistency token without reading the event store again.
 *
 * <p>The position is published on the thread that runs the command's unit of work, and only once that unit
 * of work has committed: a write that rolls back leaves nothing behind. A caller {@link #clear() clears} it
 * before sending a command and {@link #take() takes} it once the command returned.
 */
public final class AppendedPositions {

    private static final ThreadLocal<Long> COMMITTED = new ThreadLocal<>();

    private AppendedPositions() {
    }

    public static void clear() {
        COMMITTED.remove();
    }

    /** The newest position committed on this thread since {@link #clear()}, if any event was appended. */
    public static OptionalLong take() {
        Long position = COMMITTED.get();
        COMMITTED.remove();
        return position == null ? OptionalLong.empty() : OptionalLong.of(position);
    }

    static void appended(long position) {
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> publish(position));
        } else {
            publish(position);
        }
    }

    private static void publish(long position) {
        Long previous = COMMITTED.get();
        if (previous == null || previous < position) {
            COMMITTED.set(position);
        }
    }
}
