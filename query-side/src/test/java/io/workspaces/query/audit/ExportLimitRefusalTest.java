package io.workspaces.query.audit;

import io.workspaces.common.StartupRefusedException;
import io.workspaces.common.testing.TestDatabase;
import io.workspaces.query.support.RunningServices;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Exports could take every pooled connection if they were allowed as many: such a setting is refused at start-up. */
class ExportLimitRefusalTest {

    @Test
    void anExportLimitThatIsNotBelowTheConnectionPoolIsRefused() {
        assertThatThrownBy(() -> RunningServices.querySide(TestDatabase.URL, TestDatabase.USER, TestDatabase.PASSWORD,
                "--spring.datasource.hikari.maximum-pool-size=4", "--workspaces.export.max-concurrent=4"))
                .hasRootCauseInstanceOf(StartupRefusedException.class)
                .rootCause().hasMessageContaining("WORKSPACES_EXPORT_MAX_CONCURRENT (4) must be below the connection "
                        + "pool (WORKSPACES_DB_POOL_SIZE, 4)");
    }
}
