package org.lavasoftware.deploy.cli;

import java.io.PrintStream;
import org.lavasoftware.deploy.engine.Progress;

/**
 * A progress bar on a terminal (done/total, rate, time left), redrawn at most ten times a second;
 * without a terminal, a plain line every ten percent so logs stay readable.
 */
final class ConsoleProgress implements Progress {
    private static final int BAR = 30;
    private final PrintStream err;
    private final String label;
    private final long total;
    private final String unit;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private long done;
    private long lastDraw;
    private int lastTenth = -1;

    ConsoleProgress(PrintStream err, String label, long total, String unit, boolean terminal) {
        this.err = err;
        this.label = label;
        this.total = Math.max(total, 1);
        this.unit = unit;
        this.terminal = terminal;
    }

    @Override
    public synchronized void advance(long units) {
        done += units;
        long now = System.nanoTime();
        if (terminal) {
            if (now - lastDraw > 100_000_000L) {
                lastDraw = now;
                err.print("\r" + line(now));
                err.flush();
            }
        } else {
            int tenth = (int) Math.min(10, done * 10 / total);
            if (tenth != lastTenth) {
                lastTenth = tenth;
                err.println(label + ": " + tenth * 10 + "% (" + Units.format(done, unit) + " of "
                        + Units.format(total, unit) + ")");
            }
        }
    }

    @Override
    public synchronized void close() {
        if (terminal) {
            err.print("\r" + line(System.nanoTime()) + "\n");
            err.flush();
        }
    }

    private String line(long now) {
        double fraction = Math.min(1.0, (double) done / total);
        int filled = (int) (fraction * BAR);
        double seconds = Math.max((now - started) / 1e9, 1e-3);
        double rate = done / seconds;
        String eta = rate > 0 && done < total ? Units.duration((long) ((total - done) / rate)) : "--";
        return String.format("%s [%s%s] %3d%% %s/%s %s/s ETA %s  ", label, "#".repeat(filled),
                ".".repeat(BAR - filled), (int) (fraction * 100), Units.format(done, unit), Units.format(total, unit),
                Units.format((long) rate, unit), eta);
    }
}
