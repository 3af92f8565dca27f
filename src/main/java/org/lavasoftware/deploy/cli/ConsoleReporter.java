package org.lavasoftware.deploy.cli;

import java.io.PrintStream;
import java.time.Duration;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.Progress;
import org.lavasoftware.deploy.engine.Reporter;

/** Tells the user on stderr what the engine does; a dry-run plan is data and goes to stdout. */
final class ConsoleReporter implements Reporter {
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;
    private final boolean debug;

    ConsoleReporter(PrintStream out, PrintStream err, boolean terminal, boolean debug) {
        this.out = out;
        this.err = err;
        this.terminal = terminal;
        this.debug = debug;
    }

    @Override
    public void stepStarted(int index, int total, String title) {
        err.println(counter(index, total) + title + " ...");
    }

    @Override
    public void stepDone(int index, int total, String title, Duration took) {
        if (debug || took.toMillis() >= 1000) {
            err.println(counter(index, total) + "done in " + seconds(took));
        }
    }

    @Override
    public void stepFailed(int index, int total, String title, String reason) {
        err.println(counter(index, total) + "FAILED: " + reason);
    }

    @Override
    public void undoing(String title) {
        err.println("      " + title);
    }

    @Override
    public void info(String message) {
        err.println(message);
    }

    @Override
    public void warn(String message) {
        err.println("warning: " + message);
    }

    @Override
    public void dryRun(Plan plan) {
        plan.describe().forEach(out::println);
        out.println("(dry run: nothing was changed)");
    }

    @Override
    public Progress progress(String label, long total, String unit) {
        return new ConsoleProgress(err, label, total, unit, terminal);
    }

    private static String counter(int index, int total) {
        String width = Integer.toString(total);
        return String.format("[%" + width.length() + "d/%s] ", index + 1, width);
    }

    private static String seconds(Duration took) {
        return String.format("%.1f s", took.toMillis() / 1000.0);
    }
}
