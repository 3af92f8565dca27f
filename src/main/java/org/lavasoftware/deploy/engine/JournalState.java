package org.lavasoftware.deploy.engine;

import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** What a journal says of an operation: which steps started, finished, were undone. */
public record JournalState(String kind, Instant startedAt, long pid, int stepCount,
                           Map<String, String> parameters, NavigableMap<Integer, StepRecord> steps) {

    public enum Progress { STARTED, DONE, UNDOING, UNDONE }

    public record StepRecord(int index, String title, Progress progress) {
        /** Whether the step may have changed something that is not undone yet. */
        public boolean mayNeedUndo() {
            return progress != Progress.UNDONE;
        }
    }

    /** The step running or last finished when the journal stopped, for messages. */
    public StepRecord lastStep() {
        return steps.isEmpty() ? null : steps.lastEntry().getValue();
    }

    public boolean isRollingBack() {
        return steps.values().stream().anyMatch(s -> s.progress() == Progress.UNDOING
                || s.progress() == Progress.UNDONE);
    }

    /** One line for the user: what was interrupted, where and when. */
    public String describe() {
        StepRecord last = lastStep();
        String where = last == null ? "before its first step"
                : "at step " + (last.index() + 1) + " of " + stepCount + " '" + last.title() + "'";
        return "an interrupted " + kind + " (stopped " + where + (isRollingBack() ? " while undoing" : "")
                + "; started " + startedAt + " by pid " + pid + ")";
    }

    static final class Builder {
        private String kind = "unknown";
        private Instant startedAt = Instant.EPOCH;
        private long pid;
        private int stepCount;
        private Map<String, String> parameters = Map.of();
        private final TreeMap<Integer, StepRecord> steps = new TreeMap<>();

        void begin(String kind, Instant at, long pid, int stepCount, Map<String, String> parameters) {
            this.kind = kind;
            this.startedAt = at;
            this.pid = pid;
            this.stepCount = stepCount;
            this.parameters = parameters;
        }

        void started(int index, String title) {
            steps.put(index, new StepRecord(index, title, Progress.STARTED));
        }

        void done(int index) {
            move(index, Progress.DONE);
        }

        void undoing(int index) {
            move(index, Progress.UNDOING);
        }

        void undone(int index) {
            move(index, Progress.UNDONE);
        }

        private void move(int index, Progress progress) {
            StepRecord step = steps.get(index);
            if (step != null) {
                steps.put(index, new StepRecord(index, step.title(), progress));
            }
        }

        JournalState build() {
            return new JournalState(kind, startedAt, pid, stepCount, Map.copyOf(parameters), steps);
        }
    }
}
