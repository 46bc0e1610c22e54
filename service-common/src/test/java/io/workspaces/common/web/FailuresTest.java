package io.workspaces.common.web;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

class FailuresTest {

    @Test
    void aLostOrRefusedDatabaseAnywhereDownTheChainIsUnavailabilityNotABug() {
        assertThat(Failures.isDatabaseUnavailable(new CannotGetJdbcConnectionException("pool"))).isTrue();
        assertThat(Failures.isDatabaseUnavailable(new CannotCreateTransactionException("tx"))).isTrue();
        assertThat(Failures.isDatabaseUnavailable(new SQLTransientConnectionException("timeout"))).isTrue();
        assertThat(Failures.isDatabaseUnavailable(new IllegalStateException("wrapped",
                new RuntimeException(new SQLException("connection lost", "08006"))))).isTrue();
        assertThat(Failures.isDatabaseUnavailable(new SQLException("terminating connection", "57P01"))).isTrue();
        assertThat(Failures.isDatabaseUnavailable(new IllegalStateException("commit failed",
                new SQLException("I/O error")))).isTrue();
    }

    @Test
    void otherFailuresAreNot() {
        assertThat(Failures.isDatabaseUnavailable(new DataIntegrityViolationException("dup",
                new SQLException("duplicate key", "23505")))).isFalse();
        assertThat(Failures.isDatabaseUnavailable(new IllegalStateException("bug"))).isFalse();
        assertThat(Failures.isDatabaseUnavailable(null)).isFalse();
    }

    @Test
    void describingAFailureNamesTypesAndSqlStatesButNeverMessages() {
        String described = Failures.describe(new IllegalStateException("SELECT secret FROM t",
                new SQLException("password=hunter2", "08006")));
        assertThat(described).isEqualTo("IllegalStateException <- SQLException (SQL state 08006)");
    }
}
