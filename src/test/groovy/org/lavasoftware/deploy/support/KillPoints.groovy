package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path

/**
 * Runs an operation through the real launcher with the test-only kill switch
 * ({@code LAVA_DEPLOY_TEST_KILL_AT}), so that it dies by SIGKILL at a chosen step boundary, and
 * reads from its {@code --dry-run} how many steps it has and where its point of no return is.
 */
class KillPoints {
    static final String SWITCH = 'LAVA_DEPLOY_TEST_KILL_AT'

    /** Which kills the matrix runs: all boundaries, or (the default for the heaviest plans) a sample. */
    static boolean full() {
        System.getProperty('ldt.crash.matrix', 'ci') == 'full'
    }

    final Path root

    KillPoints(Path root) {
        this.root = root
    }

    /** The plan of {@code args} as --dry-run prints it. */
    KillPlan plan(List<String> args) {
        def run = FreshCheckout.run(['--root', root.toString(), '--dry-run'] + args)
        assert run.status == 0: run
        List<String> titles = []
        int noReturn = 0
        run.out.readLines().each { line ->
            def m = line =~ /^\s*(\d+)\. (.*?)(\s+\[point of no return\])?$/
            if (m.matches()) {
                titles << m.group(2)
                if (m.group(3) && noReturn == 0) {
                    noReturn = m.group(1) as int
                }
            }
        }
        assert titles: run
        new KillPlan(titles, noReturn)
    }

    /**
     * Runs {@code args} killed at {@code boundary} of {@code plan}: as step {@code boundary}
     * starts, or after the last step for {@code steps + 1}. Returns the case, for messages.
     */
    String killAt(String kind, KillPlan plan, int boundary, List<String> args) {
        int at = Math.min(boundary, plan.steps)
        String moment = boundary <= plan.steps ? 'before' : 'after'
        killed(kind, at, moment, args)
        "${kind} killed ${moment} step ${at} of ${plan.steps} '${plan.titles[at - 1]}'"
    }

    /** Runs {@code args}, killed at {@code kind:step:moment}; returns the launcher's result (status 137). */
    FreshCheckout.Result killed(String kind, int step, String moment, List<String> args) {
        def run = FreshCheckout.run(['--root', root.toString()] + args, [(SWITCH): "${kind}:${step}:${moment}".toString()])
        assert run.status == 137: "expected ${args} to be killed at ${kind}:${step}:${moment}, got ${run}"
        run
    }

    /** Recovers through the real launcher, optionally itself killed at a boundary. */
    FreshCheckout.Result recover(String name, String killAt = null) {
        FreshCheckout.run(['--root', root.toString(), 'recover', name], killAt ? [(SWITCH): killAt] : [:])
    }

    /** Files a crash may leave half written: the temporary files AtomicFile renames into place. */
    static List<Path> halfWritten(Path dir) {
        if (!Files.exists(dir)) {
            return []
        }
        Files.walk(dir).withCloseable { s ->
            s.filter { it.fileName.toString() ==~ /\..*\.tmp/ || it.fileName.toString().endsWith('.partial') }.toList()
        }
    }

    /** A plan as {@code --dry-run} shows it: its step titles, and its first point of no return (1-based, 0 when none). */
    static class KillPlan {
        final List<String> titles
        final int noReturn

        KillPlan(List<String> titles, int noReturn) {
            this.titles = titles
            this.noReturn = noReturn
        }

        int getSteps() {
            titles.size()
        }

        /** Every boundary: as each step starts (1 to steps), and after the last one (steps + 1). */
        List<Integer> all() {
            (1..steps + 1).toList()
        }

        /**
         * The boundaries CI kills a long plan at: its first step, those whose titles start with one
         * of {@code interesting}, the two around its point of no return, its last step and after
         * it. Every one with {@code -Dldt.crash.matrix=full}.
         */
        List<Integer> sample(List<String> interesting) {
            if (full()) {
                return all()
            }
            Set<Integer> chosen = [1, steps, steps + 1] as TreeSet<Integer>
            if (noReturn > 0) {
                chosen.addAll([noReturn, noReturn + 1])
            }
            titles.eachWithIndex { String title, int i ->
                if (interesting.any { title.startsWith(it) }) {
                    chosen << i + 1
                }
            }
            chosen.toList()
        }

        /** Whether recover finishes the operation killed at {@code boundary}, rather than undoing it. */
        boolean finishes(int boundary) {
            noReturn > 0 && boundary > noReturn
        }
    }
}
