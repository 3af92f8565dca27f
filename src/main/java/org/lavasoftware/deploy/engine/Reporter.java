package org.lavasoftware.deploy.engine;

import java.time.Duration;

/**
 * How the engine tells the user what it is doing. The engine never prints: each face (command
 * line, shell, recipe) supplies its own reporter.
 */
public interface Reporter {
    void stepStarted(int index, int total, String title);

    void stepDone(int index, int total, String title, Duration took);

    void stepFailed(int index, int total, String title, String reason);

    void undoing(String title);

    void info(String message);

    void warn(String message);

    /** A plan shown instead of run ({@code --dry-run}). */
    void dryRun(Plan plan);

    /** Work measured in units (bytes, files); the returned handle is advanced and closed. */
    default Progress progress(String label, long total, String unit) {
        return Progress.NONE;
    }

    /** A reporter that keeps quiet, for engine calls whose output nobody reads. */
    Reporter SILENT = new Reporter() {
        @Override
        public void stepStarted(int index, int total, String title) {
        }

        @Override
        public void stepDone(int index, int total, String title, Duration took) {
        }

        @Override
        public void stepFailed(int index, int total, String title, String reason) {
        }

        @Override
        public void undoing(String title) {
        }

        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }

        @Override
        public void dryRun(Plan plan) {
        }
    };
}
