package org.lavasoftware.deploy.engine;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.JournalState.Progress;
import org.lavasoftware.deploy.engine.JournalState.StepRecord;

/**
 * Brings an instance back to a consistent state after an operation was killed: undoes what the
 * journal says was done (the running step included), or, when the operation had passed its point
 * of no return, finishes it. The plan it works through was rebuilt from the journal's parameters
 * and facts, so it is the plan that ran, whatever the crash left of the machine; every undo and
 * every step after the point of no return can run again, so a recovery that is itself killed is
 * simply recovered again.
 */
final class Recovery {
    private final Plan plan;
    private final JournalState state;
    private final Reporter reporter;
    private final OperationLog log;
    private final String recoverHint;
    private final boolean dryRun;
    private final PlanFacts facts;

    Recovery(Plan plan, JournalState state, PlanFacts facts, Reporter reporter, OperationLog log, String recoverHint,
             boolean dryRun) {
        this.plan = plan;
        this.state = state;
        this.facts = facts;
        this.reporter = reporter;
        this.log = log;
        this.recoverHint = recoverHint;
        this.dryRun = dryRun;
    }

    void run(Path journalFile) {
        checkPlanMatches(journalFile);
        boolean finish = passedPointOfNoReturn();
        if (finish) {
            int first = firstNotDone();
            List<Step> rest = plan.steps().subList(first, plan.size());
            if (dryRun) {
                reporter.dryRun(new Plan("finish the interrupted " + state.kind(), rest));
                return;
            }
            reporter.info("the interrupted " + state.kind() + " had passed its point of no return: finishing it ("
                    + rest.size() + " step" + (rest.size() == 1 ? "" : "s") + " left)");
            log.line("== recover: finishing " + state.kind() + " from step " + (first + 1));
            new PlanRunner(reporter, log, recoverHint).runFrom(plan, Journal.resume(journalFile, state, facts), first, true);
            reporter.info("the interrupted " + state.kind() + " was finished");
            return;
        }
        int last = lastToUndo();
        Set<Integer> undone = new HashSet<>();
        state.steps().values().stream().filter(s -> s.progress() == Progress.UNDONE)
                .forEach(s -> undone.add(s.index()));
        if (dryRun) {
            Plan.Builder undo = new Plan.Builder("undo the interrupted " + state.kind());
            for (int j = last; j >= 0; j--) {
                Step step = plan.steps().get(j);
                if (step.hasUndo() && !undone.contains(j)) {
                    undo.add(Step.named(step.undoTitle()).build());
                }
            }
            reporter.dryRun(undo.build());
            return;
        }
        reporter.info("undoing the interrupted " + state.kind() + " (" + (last + 1) + " step"
                + (last == 0 ? "" : "s") + " to look at)");
        log.line("== recover: undoing " + state.kind() + " from step " + (last + 1));
        List<String> failures = new PlanRunner(reporter, log, recoverHint)
                .undoFrom(plan, Journal.resume(journalFile, state, facts), last, undone);
        if (!failures.isEmpty()) {
            throw ToolException.unexpectedState("recovery could not undo " + String.join(", ", failures)
                    + "; fix that and run " + recoverHint + " again (log: " + log.file() + ")");
        }
        reporter.info("the interrupted " + state.kind() + " was undone");
    }

    /**
     * The rebuilt plan is the one that ran unless the journal comes from another version of the
     * tool that plans differently: then only the journal's own list of steps is left to go by.
     */
    private void checkPlanMatches(Path journalFile) {
        for (StepRecord record : state.steps().values()) {
            if (record.index() >= plan.size() || !plan.steps().get(record.index()).title().equals(record.title())) {
                String version = Engine.toolVersion();
                throw ToolException.unexpectedState("cannot recover the interrupted " + state.kind()
                        + ": it was started by version " + state.toolVersion() + " of the tool, whose step "
                        + (record.index() + 1) + " '" + record.title() + "' version " + version
                        + " does not plan; run `recover` with version " + state.toolVersion()
                        + ", or by hand: undo the steps " + journalFile + " records as started (start/done lines),"
                        + " last first, then delete that file");
            }
        }
    }

    private boolean passedPointOfNoReturn() {
        return !state.isRollingBack() && state.steps().values().stream()
                .anyMatch(s -> s.progress() == Progress.DONE && plan.steps().get(s.index()).isPointOfNoReturn());
    }

    private int firstNotDone() {
        int first = 0;
        while (first < plan.size() && state.steps().containsKey(first)
                && state.steps().get(first).progress() == Progress.DONE) {
            first++;
        }
        return first;
    }

    private int lastToUndo() {
        return state.steps().values().stream().filter(StepRecord::mayNeedUndo)
                .mapToInt(StepRecord::index).max().orElse(-1);
    }
}
