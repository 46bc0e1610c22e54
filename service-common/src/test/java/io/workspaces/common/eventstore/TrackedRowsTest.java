package io.workspaces.common.eventstore;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The storage engine reads a row into a tracked event itself (to parse its timestamp once): the tokens must be the
 * ones Axon's own reading gives, gaps included, for rows recent enough to leave gaps open and for older ones.
 */
class TrackedRowsTest {

    private final Serializer serializer = new EventStoreConfiguration().eventSerializer();

    /** Axon's engine with the same builder settings, its reading of a row made callable. */
    private static final class AxonEngine extends JdbcEventStorageEngine {

        AxonEngine(Builder builder) {
            super(builder);
        }

        TrackedEventData<?> read(ResultSet row, GapAwareTrackingToken previous) throws SQLException {
            return getTrackedEventData(row, previous);
        }
    }

    private static final class OurEngine extends PositionedJdbcEventStorageEngine {

        OurEngine(Builder builder) {
            super(builder, NoTransactionManager.INSTANCE, List.of());
        }

        TrackedEventData<?> read(ResultSet row, GapAwareTrackingToken previous) throws SQLException {
            return getTrackedEventData(row, previous);
        }
    }

    private JdbcEventStorageEngine.Builder builder() {
        return JdbcEventStorageEngine.builder().eventSerializer(serializer).snapshotSerializer(serializer)
                .connectionProvider(() -> {
                    throw new SQLException("no database in this test");
                })
                .transactionManager(NoTransactionManager.INSTANCE).dataType(String.class)
                .schema(EventStoreConfiguration.EVENT_SCHEMA);
    }

    @Test
    void tokensAndEntriesAreAxonsForRecentAndOldRows() throws SQLException {
        AxonEngine axon = new AxonEngine(builder());
        OurEngine ours = new OurEngine(builder());
        String recent = DateTimeUtils.formatInstant(Instant.now().minusSeconds(5));
        String old = DateTimeUtils.formatInstant(Instant.now().minusSeconds(3_600));
        for (String stored : List.of(recent, old)) {
            for (GapAwareTrackingToken previous : java.util.Arrays.asList(null, GapAwareTrackingToken.newInstance(3, List.of()),
                    GapAwareTrackingToken.newInstance(10, List.of(4L, 7L)),
                    GapAwareTrackingToken.newInstance(20_000, List.of(9_000L, 15_000L, 19_999L)))) {
                for (long position : new long[]{1, 5, 7, 12, 25_000}) {
                    if (previous != null && position <= previous.getIndex() && !previous.getGaps().contains(position)) {
                        continue;
                    }
                    String eventId = "e-" + position;
                    ResultSet row = row(Map.of("global_index", position, "aggregate_identifier",
                            position == 5 ? eventId : "w-1", "event_identifier", eventId, "type", "Workspace",
                            "sequence_number", 3L, "time_stamp", stored, "payload_type", "workspace.created",
                            "payload_revision", "1", "payload", "{\"workspace_id\":\"w-1\"}",
                            "meta_data", "{\"actor\":\"alice\"}"));
                    TrackedEventData<?> byAxon = axon.read(row, previous);
                    TrackedEventData<?> byUs = ours.read(row, previous);
                    String what = stored + " after " + previous + " at " + position;
                    assertThat(byUs.trackingToken()).as(what).isEqualTo(byAxon.trackingToken());
                    DomainEventData<?> a = (DomainEventData<?>) byAxon;
                    DomainEventData<?> b = (DomainEventData<?>) byUs;
                    assertThat(b.getAggregateIdentifier()).as(what).isEqualTo(a.getAggregateIdentifier());
                    assertThat(b.getType()).isEqualTo(a.getType());
                    assertThat(b.getSequenceNumber()).isEqualTo(a.getSequenceNumber());
                    assertThat(b.getEventIdentifier()).isEqualTo(a.getEventIdentifier());
                    assertThat(b.getTimestamp()).isEqualTo(a.getTimestamp());
                    assertThat(b.getPayload().getData()).isEqualTo(a.getPayload().getData());
                    assertThat(b.getPayload().getType()).isEqualTo(a.getPayload().getType());
                    assertThat(b.getMetaData().getData()).isEqualTo(a.getMetaData().getData());
                    assertThat(b.getMetaData()).isInstanceOfSatisfying(PositionedMetaData.class,
                            metaData -> assertThat(metaData.position()).as(what).isEqualTo(position));
                }
            }
        }
    }

    private static ResultSet row(Map<String, Object> columns) {
        return (ResultSet) Proxy.newProxyInstance(TrackedRowsTest.class.getClassLoader(), new Class<?>[]{ResultSet.class},
                (proxy, method, arguments) -> switch (method.getName()) {
                    case "getLong" -> ((Number) columns.get((String) arguments[0])).longValue();
                    case "getString", "getObject" -> {
                        Object value = columns.get((String) arguments[0]);
                        yield value == null ? null : value.toString();
                    }
                    case "wasNull" -> false;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
