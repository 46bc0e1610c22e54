package io.workspaces.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MachineShareTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void sharesOfAllCoresTimeBetweenTwoReadingsOfProcStat() {
        // user nice system idle iowait irq softirq steal (guest columns follow and are already in user)
        Usage.CpuTimes begin = twoCores(0, "cpu  1000 10 300 5000 40 0 50 0 0 0");
        Usage.CpuTimes end = twoCores(5 * SECOND, "cpu  1600 10 500 5100 50 0 130 10 0 0");

        Usage.MachineShare share = Usage.MachineShare.between(begin, end);

        // 1,000 ticks in all (two cores for five seconds): 600 user + 200 system + 80 softirq busy, 100 idle,
        // 10 iowait, 10 steal
        assertThat(share.busy()).isCloseTo(0.88, within(1e-9));
        assertThat(share.kernel()).isCloseTo(0.28, within(1e-9));
        assertThat(share.steal()).isCloseTo(0.01, within(1e-9));
    }

    @Test
    void unknownWithoutTwoReadingsOrWithoutTimeBetweenThem() {
        Usage.CpuTimes reading = twoCores(SECOND, "cpu  1 2 3 4 5 6 7 8");
        assertThat(Usage.MachineShare.between(null, reading)).isNull();
        assertThat(Usage.MachineShare.between(reading, null)).isNull();
        assertThat(Usage.MachineShare.between(reading, reading)).isNull();
    }

    @Test
    void unknownWhenTheTicksDoNotAddUpToTheTimeThatPassed() {
        Usage.CpuTimes begin = twoCores(0, "cpu  1000 10 300 5000 40 0 50 0 0 0");
        // 1,000 ticks counted where two cores for five seconds give 1,000: within the tolerance either way
        assertThat(Usage.MachineShare.between(begin, twoCores(4 * SECOND, "cpu  1600 10 500 5100 50 0 130 10 0 0")))
                .isNotNull();
        assertThat(Usage.MachineShare.between(begin, twoCores(6 * SECOND, "cpu  1600 10 500 5100 50 0 130 10 0 0")))
                .isNotNull();
        // an idle count that jumped: 5,000 ticks counted in five seconds of two cores
        assertThat(Usage.MachineShare.between(begin, twoCores(5 * SECOND, "cpu  1600 10 500 9100 50 0 130 10 0 0")))
                .isNull();
        // counters that did not move while time passed
        assertThat(Usage.MachineShare.between(begin, twoCores(5 * SECOND, "cpu  1000 10 300 5000 40 0 50 0 0 0")))
                .isNull();
        // another count of cores
        assertThat(Usage.MachineShare.between(begin,
                new Usage.CpuTimes(5 * SECOND, 4, Usage.cpuLine("cpu  1600 10 500 5100 50 0 130 10 0 0")))).isNull();
    }

    @Test
    void thisMachinesProcStatIsRead() {
        Usage.CpuTimes now = Usage.machine();
        assertThat(now.ticks()).hasSize(8);
        assertThat(now.ticks()[0] + now.ticks()[2] + now.ticks()[3]).isPositive();
        // every online core; the JVM may be allowed fewer of them
        assertThat(now.cores()).isGreaterThanOrEqualTo(Runtime.getRuntime().availableProcessors());
    }

    private static Usage.CpuTimes twoCores(long nanos, String line) {
        return new Usage.CpuTimes(nanos, 2, Usage.cpuLine(line));
    }
}
