package org.lavasoftware.deploy.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.lavasoftware.deploy.ToolException;

/**
 * Runs a plan step by step under a journal. When a step fails, the steps already done (and the
 * failing one, which may have half happened) are undone in reverse order, and the failure is
 * reported with the step and the log. After a point-of-no-return step, a failure is not undone:
 * the journal is kept so that {@code recover} finishes the operation.
 */
public final class PlanRunner {
    private final Reporter reporter;
    private final OperationLog log;
    private final String recoverHint;

    public PlanRunner(Reporter reporter, OperationLog log, String recoverHint) {
        this.reporter = reporter;
        this.log = log;
        this.recoverHint = recoverHint;
    }

    public void run(Plan plan, Journal journal) {
        runFrom(plan, journal, 0, false);
    }

    /** Runs the steps from {@code first} on; {@code pastNoReturn} when an earlier run passed one. */
    public void runFrom(Plan plan, Journal journal, int first, boolean pastNoReturn) {
        int total = plan.size();
        boolean committed = pastNoReturn;
        for (int i = first; i < total; i++) {
            Step step = plan.steps().get(i);
            journal.started(i, step.title());
            reporter.stepStarted(i, total, step.title());
            log.line("step " + (i + 1) + "/" + total + ": " + step.title());
            long started = System.nanoTime();
            try {
                step.apply();
            } catch (Exception e) {
                String reason = reasonOf(e);
                log.line("step " + (i + 1) + " failed: " + reason);
                reporter.stepFailed(i, total, step.title(), reason);
                if (committed) {
                    journal.close();
                    throw ToolException.unexpectedState(plan.summary() + " failed at step " + (i + 1) + "/" + total
                            + " '" + step.title() + "' after its point of no return: " + reason
                            + "; fix the cause, then run " + recoverHint + " to finish it" + logHint());
                }
                List<String> undoFailures = undoFrom(plan, journal, i, Set.of());
                throw failure(plan, i, step, reason, undoFailures, e);
            }
            journal.done(i);
            committed |= step.isPointOfNoReturn();
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.line("step " + (i + 1) + " done in " + took.toMillis() + " ms");
            reporter.stepDone(i, total, step.title(), took);
        }
        journal.finish();
    }

    /**
     * Undoes steps {@code last} down to the first, in reverse, but those in {@code alreadyUndone}.
     * Returns the undos that failed; when none did the journal is finished, otherwise it is kept
     * for {@code recover}.
     */
    public List<String> undoFrom(Plan plan, Journal journal, int last, Set<Integer> alreadyUndone) {
        List<String> failures = new ArrayList<>();
        for (int j = last; j >= 0; j--) {
            Step done = plan.steps().get(j);
            if (!done.hasUndo() || alreadyUndone.contains(j)) {
                continue;
            }
            journal.undoing(j);
            reporter.undoing(done.undoTitle());
            log.line("undo step " + (j + 1) + ": " + done.undoTitle());
            try {
                done.undo();
                journal.undone(j);
            } catch (Exception undoError) {
                String reason = reasonOf(undoError);
                log.line("undo of step " + (j + 1) + " failed: " + reason);
                failures.add("'" + done.title() + "' (" + reason + ")");
            }
        }
        if (failures.isEmpty()) {
            journal.finish();
        } else {
            journal.close();
        }
        return failures;
    }

    private ToolException failure(Plan plan, int i, Step step, String reason, List<String> undoFailures,
                                  Exception cause) {
        String where = plan.summary() + " failed at step " + (i + 1) + "/" + plan.size() + " '" + step.title() + "': "
                + reason;
        if (undoFailures.isEmpty()) {
            String undone = i == 0 ? "nothing had been changed" : "the " + i + " step" + (i == 1 ? "" : "s")
                    + " before it " + (i == 1 ? "was" : "were") + " undone";
            return ToolException.failed(where + "; " + undone + logHint(), cause);
        }
        return ToolException.unexpectedState(where + "; undoing " + String.join(", ", undoFailures)
                + " failed too: fix that, then run " + recoverHint + logHint());
    }

    private String logHint() {
        return log.file() == null ? "" : " (log: " + log.file() + ")";
    }

    static String reasonOf(Throwable e) {
        if (e instanceof ToolException) {
            return e.getMessage();
        }
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
    }
}
