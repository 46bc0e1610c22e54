package io.workspaces.query.projection;

import io.workspaces.common.web.Failures;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntConsumer;

/**
 * The row changes a projection's handlers make while a processor applies a batch of events, kept in memory
 * and written at once when the batch's unit of work prepares to commit: consecutive statements of the same
 * SQL go to the database as one JDBC batch, in the order the handlers queued them, in the transaction that
 * also stores the processor's token. A handler therefore never reads what an earlier event of its batch
 * wrote; statements that depend on the state they change carry that condition in their SQL.
 *
 * <p>A batch that fails is logged as one line, without SQL, naming the positions of its events; the
 * processor rolls it back and retries it from its token, so no event is skipped.
 */
@Component
public class ProjectionBatches {

    private static final Logger log = LoggerFactory.getLogger(ProjectionBatches.class);

    private final JdbcTemplate jdbc;

    public ProjectionBatches(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The batch of {@code projection} the current unit of work (a processor's batch of events) writes, created
     * and hooked to its prepare-commit by the first event that asks.
     */
    public Batch current(String projection) {
        if (!CurrentUnitOfWork.isStarted()) {
            throw new IllegalStateException("projection " + projection + " writes only in a processor's unit of work");
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        return unitOfWork.getOrComputeResource(ProjectionBatches.class.getName() + "/" + projection, key -> {
            Batch batch = new Batch(projection);
            unitOfWork.onPrepareCommit(committing -> batch.flush());
            return batch;
        });
    }

    public final class Batch {

        private final String projection;
        private final List<Statement> statements = new ArrayList<>();
        private final List<Runnable> beforeWrite = new ArrayList<>();
        private final List<Runnable> afterWrite = new ArrayList<>();
        private final Map<String, Object> attachments = new HashMap<>();
        private long firstPosition = Long.MAX_VALUE;
        private long lastPosition = Long.MIN_VALUE;

        private Batch(String projection) {
            this.projection = projection;
        }

        /** A value that lives as long as the batch, made by the first event that asks for it. */
        @SuppressWarnings("unchecked")
        public <T> T attachment(String key, Function<Batch, T> create) {
            return (T) attachments.computeIfAbsent(key, ignored -> create.apply(this));
        }

        /** Notes that the event at {@code position} is part of this batch (for the failure's log line). */
        public Batch at(long position) {
            firstPosition = Math.min(firstPosition, position);
            lastPosition = Math.max(lastPosition, position);
            return this;
        }

        public void update(String sql, Object... arguments) {
            update(sql, null, arguments);
        }

        /**
         * Queues a statement; {@code rowCount} (if any) is told the rows it changed once the whole batch has
         * been written ({@link java.sql.Statement#SUCCESS_NO_INFO} for inserts the driver rewrote into one).
         */
        public void update(String sql, IntConsumer rowCount, Object... arguments) {
            statements.add(new Statement(sql, arguments, rowCount));
        }

        /** Runs {@code task} when the batch is written, before its statements (it may queue more). */
        public void beforeWrite(Runnable task) {
            beforeWrite.add(task);
        }

        /** Runs {@code task} after the batch's statements, still in its transaction. */
        public void afterWrite(Runnable task) {
            afterWrite.add(task);
        }

        private void flush() {
            try {
                for (int i = 0; i < beforeWrite.size(); i++) {
                    beforeWrite.get(i).run();
                }
                List<Runnable> counted = new ArrayList<>();
                int start = 0;
                while (start < statements.size()) {
                    String sql = statements.get(start).sql();
                    int end = start;
                    List<Object[]> arguments = new ArrayList<>();
                    while (end < statements.size() && statements.get(end).sql().equals(sql)) {
                        arguments.add(statements.get(end).arguments());
                        end++;
                    }
                    int[] rowCounts = arguments.size() == 1 ? new int[]{jdbc.update(sql, arguments.get(0))}
                            : jdbc.batchUpdate(sql, arguments);
                    for (int i = start; i < end; i++) {
                        IntConsumer rowCount = statements.get(i).rowCount();
                        if (rowCount != null) {
                            int rows = rowCounts[i - start];
                            counted.add(() -> rowCount.accept(rows));
                        }
                    }
                    start = end;
                }
                counted.forEach(Runnable::run);
                afterWrite.forEach(Runnable::run);
            } catch (RuntimeException e) {
                String positions = firstPosition > lastPosition ? "?"
                        : firstPosition == lastPosition ? Long.toString(firstPosition) : firstPosition + ".." + lastPosition;
                String failure = Failures.describe(e);
                log.warn("projection {} failed to apply events at positions {}: {}; it will retry from there "
                        + "(full detail at DEBUG)", projection, positions, failure);
                log.debug("projection failure detail", e);
                throw new RetryingProjectionErrors.ProjectionFailedException(
                        projection + " failed at positions " + positions + ": " + failure);
            } finally {
                statements.clear();
                beforeWrite.clear();
                afterWrite.clear();
            }
        }
    }

    private record Statement(String sql, Object[] arguments, IntConsumer rowCount) {
    }
}
