package io.workspaces.common.eventstore;

import org.axonframework.common.jdbc.JdbcUtils;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.serialization.Serializer;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Axon's JDBC storage engine, telling each event read by a processor its own global position, in the metadata
 * key {@value EventMetadata#GLOBAL_POSITION} (added on read, never stored).
 *
 * <p>Why: a processor's tracking token gives the highest position seen so far, not the event's. When two
 * transactions commit out of order (the usual case with several writers), the event that commits late is
 * delivered with a token whose position belongs to a later event; a projection keyed by the token's position
 * would then write the late event under another event's position, or drop it as a duplicate.
 *
 * <p>Appends return the positions they were given ({@code INSERT ... RETURNING}), which the command's thread
 * finds in {@link AppendedPositions} once the command committed: a write's consistency token costs no query.
 */
public class PositionedJdbcEventStorageEngine extends JdbcEventStorageEngine {

    private final TransactionManager transactionManager;
    private final List<AppendListener> appendListeners;
    private final LongAdder logReads = new LongAdder();

    /**
     * Axon's defaults for the gap settings, set here on the builder so that {@link #getTrackedEventData} computes
     * tokens with exactly the values Axon's own code would use.
     */
    static final long LOWEST_GLOBAL_SEQUENCE = 1;
    static final int MAX_GAP_OFFSET = 10_000;
    static final int GAP_TIMEOUT_MILLIS = 60_000;

    private volatile int gapTimeoutMillis = GAP_TIMEOUT_MILLIS;

    protected PositionedJdbcEventStorageEngine(Builder builder, TransactionManager transactionManager,
                                               List<AppendListener> appendListeners) {
        super(builder.transactionManager(transactionManager).lowestGlobalSequence(LOWEST_GLOBAL_SEQUENCE)
                .maxGapOffset(MAX_GAP_OFFSET).gapTimeout(GAP_TIMEOUT_MILLIS));
        this.transactionManager = transactionManager;
        this.appendListeners = List.copyOf(appendListeners);
    }

    public static PositionedJdbcEventStorageEngine create(Builder builder, TransactionManager transactionManager) {
        return create(builder, transactionManager, List.of());
    }

    /** An engine that tells {@code appendListeners} of every append once it has committed. */
    public static PositionedJdbcEventStorageEngine create(Builder builder, TransactionManager transactionManager,
                                                          List<AppendListener> appendListeners) {
        return new PositionedJdbcEventStorageEngine(builder, transactionManager, appendListeners);
    }

    /**
     * Axon's append (same rows, same error translation), reading back the positions the rows got, where a row
     * whose aggregate already has an event at or after its sequence number is not inserted (and takes no position):
     * the append is then refused as a lost race, as the unique index would have refused it.
     *
     * <p>Why the condition: a row's position is drawn from the sequence before its unique index is checked, so an
     * append that loses a race (a command decided on a cached aggregate that another node has written since) would
     * leave a gap in the log. Every gap is carried in every tracking token for up to a minute and copied into
     * each token Axon makes per event, so a log with many gaps costs memory on every node (a query node under two
     * command nodes writing the same workspaces ran out of a 384 MB heap). Writers that race within the same
     * moment still meet the unique index and leave a gap, as before (and so does the tail of a multi-event append
     * that only its first events lost).
     */
    @Override
    protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
        if (events.isEmpty()) {
            return;
        }
        transactionManager.executeInTransaction(() -> {
            Connection connection = getConnection();
            try (PreparedStatement statement = appendReturningPositions(connection, events, serializer)) {
                statement.executeBatch();
                long newest = -1;
                int inserted = 0;
                try (ResultSet positions = statement.getGeneratedKeys()) {
                    while (positions.next()) {
                        newest = Math.max(newest, positions.getLong(1));
                        inserted++;
                    }
                }
                if (inserted < events.size()) {
                    DomainEventMessage<?> first = asDomainEventMessage(events.get(0));
                    throw new ConcurrencyException("An event for aggregate [" + first.getAggregateIdentifier()
                            + "] at sequence [" + first.getSequenceNumber() + "] or later was already inserted");
                }
                if (newest >= 0) {
                    AppendedPositions.appended(newest);
                }
            } catch (SQLException e) {
                handlePersistenceException(e, events.get(0));
            } finally {
                JdbcUtils.closeQuietly(connection);
            }
        });
        tellListenersOnCommit();
    }

    /**
     * Tells the append listeners once the append is committed: after the command's unit of work has committed, or
     * now when there is none (then the append's own transaction has just committed).
     */
    private void tellListenersOnCommit() {
        if (appendListeners.isEmpty()) {
            return;
        }
        if (CurrentUnitOfWork.isStarted()) {
            CurrentUnitOfWork.get().root().afterCommit(unitOfWork -> tellListeners());
        } else {
            tellListeners();
        }
    }

    private void tellListeners() {
        for (AppendListener listener : appendListeners) {
            listener.appendCommitted();
        }
    }

    private PreparedStatement appendReturningPositions(Connection connection, List<? extends EventMessage<?>> events,
                                                       Serializer serializer) throws SQLException {
        EventSchema schema = schema();
        String sql = "INSERT INTO " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") "
                + "SELECT ?,?,?,?,?,?,?,?,? WHERE NOT EXISTS (SELECT 1 FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ? AND " + schema.sequenceNumberColumn()
                + " >= ?)";
        PreparedStatement statement = connection.prepareStatement(sql, new String[]{schema.globalIndexColumn()});
        try {
            for (EventMessage<?> eventMessage : events) {
                DomainEventMessage<?> event = asDomainEventMessage(eventMessage);
                SerializedObject<String> payload = event.serializePayload(serializer, String.class);
                SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
                statement.setString(1, event.getIdentifier());
                statement.setString(2, event.getAggregateIdentifier());
                statement.setLong(3, event.getSequenceNumber());
                statement.setString(4, event.getType());
                writeTimestamp(statement, 5, event.getTimestamp());
                statement.setString(6, payload.getType().getName());
                statement.setString(7, payload.getType().getRevision());
                statement.setObject(8, payload.getData());
                statement.setObject(9, metaData.getData());
                statement.setString(10, event.getAggregateIdentifier());
                statement.setLong(11, event.getSequenceNumber());
                statement.addBatch();
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static <T> DomainEventMessage<T> asDomainEventMessage(EventMessage<T> event) {
        return event instanceof DomainEventMessage<T> domain ? domain
                : new GenericDomainEventMessage<>(null, event.getIdentifier(), 0L, event, event::getTimestamp);
    }

    /** Reads a batch of the log after {@code lastToken} for a tracking processor, counting the reads. */
    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        logReads.increment();
        return super.fetchTrackedEvents(lastToken, batchSize);
    }

    /** How many batches tracking processors have read from the log since this engine started. */
    public long logReads() {
        return logReads.sum();
    }

    @Override
    public void setGapTimeout(int gapTimeout) {
        super.setGapTimeout(gapTimeout);
        this.gapTimeoutMillis = gapTimeout;
    }

    /**
     * Axon's reading of a row into a tracked event (same entry, same token: the gap rules are copied from
     * {@code JdbcEventStorageEngine#getTrackedEventData} of Axon 4.13), except that the stored timestamp is parsed
     * once ({@link StoredTimestamps}) where Axon's entry parses it with a {@code DateTimeFormatter} to decide whether
     * gaps may still fill (9% of a processor's samples during a replay, docs/performance-log.md), and that the event's
     * position travels beside its metadata ({@link PositionedMetaData}) into the message's metadata.
     */
    @Override
    protected TrackedEventData<?> getTrackedEventData(ResultSet resultSet, GapAwareTrackingToken previousToken)
            throws SQLException {
        EventSchema schema = schema();
        long globalSequence = resultSet.getLong(schema.globalIndexColumn());
        String aggregateIdentifier = resultSet.getString(schema.aggregateIdentifierColumn());
        String eventIdentifier = resultSet.getString(schema.eventIdentifierColumn());
        Object storedTimestamp = readTimeStamp(resultSet, schema.timestampColumn());
        Instant timestamp = StoredTimestamps.parse(storedTimestamp.toString());
        GenericDomainEventEntry<?> entry = new GenericDomainEventEntry<>(
                resultSet.getString(schema.typeColumn()),
                eventIdentifier.equals(aggregateIdentifier) ? null : aggregateIdentifier,
                resultSet.getLong(schema.sequenceNumberColumn()),
                eventIdentifier,
                storedTimestamp,
                resultSet.getString(schema.payloadTypeColumn()),
                resultSet.getString(schema.payloadRevisionColumn()),
                readPayload(resultSet, schema.payloadColumn()),
                readPayload(resultSet, schema.metaDataColumn()));
        boolean allowGaps = timestamp.isAfter(
                GenericEventMessage.clock.instant().minus(gapTimeoutMillis, ChronoUnit.MILLIS));
        GapAwareTrackingToken token = previousToken == null
                ? GapAwareTrackingToken.newInstance(globalSequence, allowGaps
                        ? LongStream.range(Math.min(LOWEST_GLOBAL_SEQUENCE, globalSequence), globalSequence).boxed()
                                .collect(Collectors.toCollection(TreeSet::new))
                        : Collections.emptySortedSet())
                : previousToken.advanceTo(globalSequence, allowGaps ? MAX_GAP_OFFSET : 0);
        return new TrackedDomainEventData<>(token, withPosition(entry, globalSequence, timestamp));
    }

    private static <T> DomainEventData<T> withPosition(DomainEventData<T> event, long position, Instant timestamp) {
        return new PositionedEventData<>(event, position, timestamp);
    }
}
