package io.workspaces.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The export's progress display on stderr, with a hand-driven clock. */
class CliExportProgressTest {

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private ExportProgress progress(ExportProgress.Mode mode, Long total) {
        return new ExportProgress(new PrintStream(err, true, StandardCharsets.UTF_8), mode, total, clock::get);
    }

    @Test
    void theBarRedrawsInPlaceAtMostTenTimesASecond() {
        ExportProgress bar = progress(ExportProgress.Mode.BAR, 1000L);
        bar.update(10);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        clock.addAndGet(500);
        bar.update(300);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("\r[#########.....................]  300 of 1000 events  30%  600 events/s");
        clock.addAndGet(50);
        bar.update(320);
        assertThat(err.toString(StandardCharsets.UTF_8)).doesNotContain("320");
        clock.addAndGet(450);
        bar.finish(1000);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .endsWith("\r[##############################]  1000 of 1000 events  100%  1000 events/s\n");
    }

    @Test
    void withoutATotalTheBarCounts() {
        ExportProgress bar = progress(ExportProgress.Mode.BAR, null);
        clock.addAndGet(2000);
        bar.finish(50);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("\r50 events  25 events/s\n");
    }

    @Test
    void plainLinesOnlyForLongExports() {
        ExportProgress quick = progress(ExportProgress.Mode.LINES, 10L);
        clock.addAndGet(1000);
        quick.update(10);
        quick.finish(10);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();

        ExportProgress slow = progress(ExportProgress.Mode.LINES, 100_000L);
        clock.addAndGet(5000);
        slow.update(40_000);
        clock.addAndGet(5000);
        slow.finish(100_000);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                "audit export: 40000 of 100000 events, 8000 events/s\naudit export: done, 100000 events in 10.0 s\n");
    }

    @Test
    void noneMeansNothing() {
        ExportProgress none = progress(ExportProgress.Mode.NONE, 10L);
        clock.addAndGet(60_000);
        none.update(5);
        none.finish(10);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
