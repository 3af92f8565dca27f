package org.lavasoftware.deploy.engine;

import java.util.Locale;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;

/**
 * The tests' way to crash the tool at a chosen step boundary, as {@code kill -9} would: the
 * environment variable {@value #VARIABLE} names an operation kind, a step (1-based) and a moment,
 * {@code restore:9:before}. Nothing else reads it; unset (always, outside the specs) it costs one
 * lookup per journal record.
 *
 * <p>Moments, each right after the journal record it names is on disk: {@code before} (the step
 * has started and done nothing yet), {@code after} (it is done), {@code undo} (its undo has
 * started and done nothing yet).
 */
public final class FaultInjection {
    public static final String VARIABLE = "LAVA_DEPLOY_TEST_KILL_AT";

    public enum Moment { BEFORE, AFTER, UNDO }

    private static final String TARGET = System.getenv(VARIABLE);

    private FaultInjection() {
    }

    static void at(String kind, int index, Moment moment) {
        if (TARGET == null || TARGET.isBlank()) {
            return;
        }
        String here = kind + ":" + (index + 1) + ":" + moment.name().toLowerCase(Locale.ROOT);
        if (TARGET.equals(here)) {
            killSelf();
        }
    }

    /** SIGKILL from outside, as an operator or the kernel's OOM killer would: no hook, no flush runs. */
    private static void killSelf() {
        try {
            CommandLine kill = new CommandLine("kill").addArgument("-KILL")
                    .addArgument(Long.toString(ProcessHandle.current().pid()));
            DefaultExecutor.builder().get().execute(kill);
            Thread.sleep(60_000);
        } catch (Exception e) {
            // the kill could not be sent: stop as abruptly as the JVM allows
        }
        Runtime.getRuntime().halt(137);
    }
}
