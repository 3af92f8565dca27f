package org.lavasoftware.deploy.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What a journal says of an operation: which steps started, finished, were undone, what the plan
 * saw of the machine ({@link PlanFacts}), and the version of the tool that wrote it.
 */
public record JournalState(String kind, Instant startedAt, long pid, int stepCount,
                           Map<String, String> parameters, NavigableMap<Integer, StepRecord> steps,
                           Map<String, Optional<String>> facts, String toolVersion) {

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

    /** Where it stopped, for {@code list} and {@code status}: {@code restore, step 9 of 9}. */
    public String brief() {
        StepRecord last = lastStep();
        return kind + (last == null ? ", before step 1" : ", step " + (last.index() + 1)) + " of " + stepCount
                + (isRollingBack() ? ", undoing" : "");
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
        private final Map<String, Optional<String>> facts = new LinkedHashMap<>();
        private String tool = "unknown";

        void begin(String kind, Instant at, long pid, int stepCount, Map<String, String> parameters) {
            this.kind = kind;
            this.startedAt = at;
            this.pid = pid;
            this.stepCount = stepCount;
            this.parameters = parameters;
        }

        void tool(String version) {
            this.tool = version;
        }

        void fact(String key, String value) {
            facts.put(key, Optional.ofNullable(value));
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
            return new JournalState(kind, startedAt, pid, stepCount, Map.copyOf(parameters), steps,
                    java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts)), tool);
        }
    }
}
