package org.lavasoftware.deploy.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * One named, reversible step of a plan. {@link #undo()} must tolerate a step that was only partly
 * applied (the process may have died in the middle of it) and one that was never applied, because
 * recovery after a crash undoes the step that was running too.
 */
public final class Step {
    /** What a step does or undoes; may throw anything, the runner reports it. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    private static final Action NOTHING = () -> { };

    private final String title;
    private final List<String> details;
    private final Action apply;
    private final Action undo;
    private final String undoTitle;
    private final boolean pointOfNoReturn;

    private Step(Builder b) {
        this.title = b.title;
        this.details = List.copyOf(b.details);
        this.apply = b.apply;
        this.undo = b.undo;
        this.undoTitle = b.undoTitle;
        this.pointOfNoReturn = b.pointOfNoReturn;
    }

    public static Builder named(String title) {
        return new Builder(title);
    }

    public String title() {
        return title;
    }

    /** What the step will do, for {@code --dry-run}: commands, SQL, files written. */
    public List<String> details() {
        return details;
    }

    public void apply() throws Exception {
        apply.run();
    }

    public void undo() throws Exception {
        undo.run();
    }

    public boolean hasUndo() {
        return undo != NOTHING;
    }

    public String undoTitle() {
        return undoTitle != null ? undoTitle : "undo: " + title;
    }

    /**
     * Once such a step is done, going back would lose more than going on: a failure after it is
     * not undone, and recovery finishes the plan instead.
     */
    public boolean isPointOfNoReturn() {
        return pointOfNoReturn;
    }

    public static final class Builder {
        private final String title;
        private final List<String> details = new ArrayList<>();
        private Action apply = NOTHING;
        private Action undo = NOTHING;
        private String undoTitle;
        private boolean pointOfNoReturn;

        private Builder(String title) {
            this.title = title;
        }

        public Builder shows(String detail) {
            details.add(detail);
            return this;
        }

        public Builder shows(List<String> more) {
            details.addAll(more);
            return this;
        }

        public Builder does(Action action) {
            this.apply = action;
            return this;
        }

        public Builder undoes(Action action) {
            this.undo = action;
            return this;
        }

        public Builder undoes(String title, Action action) {
            this.undoTitle = title;
            this.undo = action;
            return this;
        }

        public Builder pointOfNoReturn() {
            this.pointOfNoReturn = true;
            return this;
        }

        public Step build() {
            return new Step(this);
        }
    }
}
