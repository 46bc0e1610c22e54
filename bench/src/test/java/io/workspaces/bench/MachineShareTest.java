package io.workspaces.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MachineShareTest {

    @Test
    void sharesOfAllCoresTimeBetweenTwoReadingsOfProcStat() {
        // user nice system idle iowait irq softirq steal (guest columns follow and are already in user)
        long[] begin = Usage.cpuLine("cpu  1000 10 300 5000 40 0 50 0 0 0");
        long[] end = Usage.cpuLine("cpu  1600 10 500 5100 50 0 130 10 0 0");

        Usage.MachineShare share = Usage.MachineShare.between(begin, end);

        // 1,000 ticks in all: 600 user + 200 system + 80 softirq busy, 100 idle, 10 iowait, 10 steal
        assertThat(share.busy()).isCloseTo(0.88, within(1e-9));
        assertThat(share.kernel()).isCloseTo(0.28, within(1e-9));
        assertThat(share.steal()).isCloseTo(0.01, within(1e-9));
    }

    @Test
    void unknownWithoutTwoReadingsOrWithoutTimeBetweenThem() {
        long[] reading = Usage.cpuLine("cpu  1 2 3 4 5 6 7 8");
        assertThat(Usage.MachineShare.between(null, reading)).isNull();
        assertThat(Usage.MachineShare.between(reading, null)).isNull();
        assertThat(Usage.MachineShare.between(reading, reading)).isNull();
    }

    @Test
    void thisMachinesProcStatIsRead() {
        long[] now = Usage.machine();
        assertThat(now).hasSize(8);
        assertThat(now[0] + now[2] + now[3]).isPositive();
    }
}
