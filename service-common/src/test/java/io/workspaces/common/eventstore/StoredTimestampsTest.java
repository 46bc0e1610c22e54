package io.workspaces.common.eventstore;

import net.jqwik.api.Arbitraries;
import org.axonframework.common.DateTimeUtils;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoredTimestampsTest {

    @Test
    void readsWhatAxonWritesExactlyAsAxonReadsIt() {
        Arbitraries.longs().between(Instant.parse("1970-01-01T00:00:00Z").toEpochMilli(),
                        Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli())
                .sampleStream().limit(20_000).map(Instant::ofEpochMilli).forEach(instant -> {
                    String stored = DateTimeUtils.formatInstant(instant);
                    assertThat(StoredTimestamps.parse(stored)).as(stored).isEqualTo(DateTimeUtils.parseInstant(stored))
                            .isEqualTo(instant);
                });
    }

    @Test
    void leavesEveryOtherShapeToAxonsParser() {
        assertThat(StoredTimestamps.parse("2026-11-26T13:27:33Z")).isEqualTo(Instant.parse("2026-11-26T13:27:33Z"));
        assertThat(StoredTimestamps.parse("2026-11-26T13:27:33.123456789Z"))
                .isEqualTo(Instant.parse("2026-11-26T13:27:33.123456789Z"));
        assertThat(StoredTimestamps.parse("2024-02-29T23:59:59.999Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.999Z"));
        assertThatThrownBy(() -> StoredTimestamps.parse("2026-02-30T10:00:00.000Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> StoredTimestamps.parse("2026-11-26T1x:27:33.709Z")).isInstanceOf(DateTimeParseException.class);
    }
}
