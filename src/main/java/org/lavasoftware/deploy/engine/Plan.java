package org.lavasoftware.deploy.engine;

import java.util.ArrayList;
import java.util.List;

/** The ordered steps of one operation, shown by {@code --dry-run} and run by {@link PlanRunner}. */
public record Plan(String summary, List<Step> steps, List<String> notes) {

    public Plan {
        steps = List.copyOf(steps);
        notes = List.copyOf(notes);
    }

    public Plan(String summary, List<Step> steps) {
        this(summary, steps, List.of());
    }

    public int size() {
        return steps.size();
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The plan as text: one numbered line per step, its details indented below. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("Plan: " + summary + " (" + steps.size() + " step" + (steps.size() == 1 ? "" : "s") + ")");
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            lines.add(String.format("%3d. %s%s", i + 1, step.title(),
                    step.isPointOfNoReturn() ? "   [point of no return]" : ""));
            for (String detail : step.details()) {
                for (String line : detail.split("\n")) {
                    lines.add("       " + line);
                }
            }
        }
        for (String note : notes) {
            lines.add("Note: " + note);
        }
        return lines;
    }

    /** A plan is built fresh; this one adds steps in order for operations that assemble them. */
    public static final class Builder {
        private final String summary;
        private final List<Step> steps = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();

        public Builder(String summary) {
            this.summary = summary;
        }

        public Builder add(Step step) {
            steps.add(step);
            return this;
        }

        public Builder addAll(List<Step> more) {
            steps.addAll(more);
            return this;
        }

        public Builder note(String note) {
            notes.add(note);
            return this;
        }

        public Plan build() {
            return new Plan(summary, steps, notes);
        }
    }
}
