package org.lavasoftware.deploy.support

import java.time.Duration
import org.lavasoftware.deploy.adapters.exec.Privilege
import org.lavasoftware.deploy.engine.Engine
import org.lavasoftware.deploy.engine.EngineSettings
import org.lavasoftware.deploy.engine.OperationCatalog
import org.lavasoftware.deploy.engine.Plan
import org.lavasoftware.deploy.engine.Prompter
import org.lavasoftware.deploy.engine.Reporter
import org.lavasoftware.deploy.model.LavaRoot

/** Engines for specs: a real engine on a temporary root, with a reporter that remembers. */
class TestEngines {
    static Engine on(LavaRoot root, RecordingReporter reporter = new RecordingReporter(), boolean dryRun = false,
                     Prompter prompter = yes()) {
        new Engine(new EngineSettings(root, dryRun, Duration.ZERO, false), reporter, prompter, Privilege.detect(),
                new OperationCatalog([new FileStepsOperation.Factory()]))
    }

    static Prompter yes() {
        [confirm: { String q -> true }, confirmByTyping: { String w, String word -> true },
         ask: { String q, String d -> d }, assumesYes: { -> true }] as Prompter
    }

    /** A reporter that keeps every event as a line, for assertions. */
    static class RecordingReporter implements Reporter {
        final List<String> events = Collections.synchronizedList([])

        void stepStarted(int index, int total, String title) { events << "start ${index + 1}/${total} ${title}".toString() }

        void stepDone(int index, int total, String title, Duration took) { events << "done ${index + 1}/${total} ${title}".toString() }

        void stepFailed(int index, int total, String title, String reason) { events << "failed ${index + 1}/${total} ${title}".toString() }

        void undoing(String title) { events << "undo ${title}".toString() }

        void info(String message) { events << "info ${message}".toString() }

        void warn(String message) { events << "warn ${message}".toString() }

        void dryRun(Plan plan) { events.addAll(plan.describe().collect { "plan ${it}".toString() }) }
    }
}
