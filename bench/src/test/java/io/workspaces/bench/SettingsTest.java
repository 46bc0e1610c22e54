package io.workspaces.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which phases a run's {@code --phases} (BENCH_PHASES) selects. */
class SettingsTest {

    private static Settings parse(String phases) {
        return Settings.parse(new String[]{"--size=full", "--jwt-secret=" + "s".repeat(32), "--phases=" + phases});
    }

    @Test
    void writesRunsTheWritePhasesOnlyWithoutRoleLookupsOrPlots() {
        Settings writes = parse("writes");
        assertThat(writes.writesOnly()).isTrue();
        assertThat(writes.patchesOnly()).isFalse();
        assertThat(writes.accessOnly()).isFalse();
        assertThat(writes.allPhases()).isFalse();
        assertThat(writes.accessPaths()).isFalse();
        assertThat(writes.replays()).isFalse();
        assertThat(writes.lookupClients()).isEmpty();
    }

    @Test
    void allRunsEveryPhaseAndTheOthersOnlyTheirOwn() {
        assertThat(parse("all").allPhases()).isTrue();
        assertThat(parse("all").lookupClients()).containsExactly(1, 16);
        assertThat(parse("patches").lookupClients()).isEmpty();
        assertThat(parse("access").lookupClients()).containsExactly(1, 16);
        assertThat(parse("patches").allPhases()).isFalse();
        assertThat(parse("access").accessPaths()).isTrue();
        assertThat(parse("patches").accessPaths()).isFalse();
        assertThat(parse("all").replays()).isTrue();
        assertThat(parse("patches").replays()).isTrue();
        assertThat(parse("access").replays()).isFalse();
    }

    @Test
    void anUnknownPhaseSelectionIsRefusedNamingTheChoices() {
        assertThatThrownBy(() -> parse("reads"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("all, access, patches or writes");
    }
}
