package io.workspaces.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress of an export on stderr. {@link Mode#BAR}: a bar redrawn in place (stderr is a terminal, or
 * --progress); {@link Mode#LINES}: a plain line every {@value #LINE_INTERVAL_MILLIS} ms, so a long export in a
 * log shows it is alive and a short one prints nothing; {@link Mode#NONE}: nothing (--no-progress).
 */
final class ExportProgress {

    enum Mode { BAR, LINES, NONE }

    static final long BAR_INTERVAL_MILLIS = 100;
    static final long LINE_INTERVAL_MILLIS = 5_000;
    private static final int BAR_WIDTH = 30;

    private final PrintStream err;
    private final Mode mode;
    private final Long total;
    private final LongSupplier clock;
    private final long started;
    private long lastDrawn;
    private boolean drewLines;

    ExportProgress(PrintStream err, Mode mode, Long total, LongSupplier clockMillis) {
        this.err = err;
        this.mode = mode;
        this.total = total;
        this.clock = clockMillis;
        this.started = clockMillis.getAsLong();
        this.lastDrawn = started;
    }

    /** After each chunk: redraws when it is time. */
    void update(long events) {
        long now = clock.getAsLong();
        if (mode == Mode.BAR && now - lastDrawn >= BAR_INTERVAL_MILLIS) {
            err.print("\r" + bar(events, now));
            err.flush();
            lastDrawn = now;
        } else if (mode == Mode.LINES && now - lastDrawn >= LINE_INTERVAL_MILLIS) {
            err.println("audit export: " + counts(events) + ", " + rate(events, now));
            lastDrawn = now;
            drewLines = true;
        }
    }

    void finish(long events) {
        long now = clock.getAsLong();
        if (mode == Mode.BAR) {
            err.println("\r" + bar(events, now));
        } else if (mode == Mode.LINES && drewLines) {
            err.println("audit export: done, " + events + " events in " + seconds(now) + " s");
        }
    }

    /** "[#########.....................]  300 of 1000 events  30%  6800 events/s". */
    String bar(long events, long now) {
        StringBuilder line = new StringBuilder();
        if (total != null && total > 0) {
            int filled = (int) Math.min(BAR_WIDTH, events * BAR_WIDTH / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("]  ");
        }
        line.append(counts(events));
        if (total != null && total > 0) {
            line.append("  ").append(Math.min(100, events * 100 / total)).append('%');
        }
        return line.append("  ").append(rate(events, now)).toString();
    }

    private String counts(long events) {
        return total == null ? events + " events" : events + " of " + total + " events";
    }

    private String rate(long events, long now) {
        double seconds = Math.max(0.001, (now - started) / 1000.0);
        return String.format(Locale.ROOT, "%.0f events/s", events / seconds);
    }

    private String seconds(long now) {
        return String.format(Locale.ROOT, "%.1f", (now - started) / 1000.0);
    }
}
