package org.lavasoftware.deploy.engine.operations.upgrade;

import java.nio.file.Files;
import java.util.List;
import org.lavasoftware.deploy.adapters.services.ServiceManager;
import org.lavasoftware.deploy.adapters.services.ServiceState;
import org.lavasoftware.deploy.engine.PlanFacts;
import org.lavasoftware.deploy.engine.operations.InstanceFiles;
import org.lavasoftware.deploy.engine.operations.InstanceHealth;
import org.lavasoftware.deploy.engine.operations.InstanceServices;
import org.lavasoftware.deploy.engine.operations.LocalWorker;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.Revisions;
import org.lavasoftware.deploy.engine.operations.build.RevisionBuild;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * What upgrade and rollback do around a change of revision: the scheduler stopped while the code
 * and the database change under it, the web workers reloaded gracefully (new workers ready before
 * the old ones stop), the local worker restarted on the new code in the same step, the page
 * checked through Apache. What it stopped is a fact of the journal, recorded before it stops it, so
 * that an undo in a recovery (another process) starts again what ran, and only that.
 */
final class RevisionSwitch {
    private final InstanceLayout layout;
    private final InstanceConfig config;
    private final InstanceFiles files;
    private final Machine machine;
    private final ServiceManager services;
    private final String group;
    private final PlanFacts facts;

    RevisionSwitch(InstanceLayout layout, InstanceConfig config, InstanceFiles files, Machine machine, PlanFacts facts) {
        this.layout = layout;
        this.config = config;
        this.files = files;
        this.machine = machine;
        this.services = machine.services();
        this.group = InstanceServices.group(layout);
        this.facts = facts;
    }

    /** Facts: whether the scheduler ran when the switch stopped it; whether the web was stopped for the migrations. */
    static final String SCHEDULER_RAN = "scheduler-was-running";
    static final String WEB_STOPPED = "web-stopped-for-migrations";

    String scheduler() {
        return group + "-scheduler";
    }

    void stopScheduler() {
        boolean up = running(scheduler());
        facts.record(SCHEDULER_RAN, Boolean.toString(up));
        if (up) {
            services.stop(group, List.of(scheduler()));
        }
    }

    /** Starts the scheduler when {@link #stopScheduler} found it running; nothing when it was never stopped. */
    void startSchedulerIfItRan() {
        // a build without lava-scheduler has no scheduler program to start
        if (facts.flag(SCHEDULER_RAN, () -> false) && services.states().containsKey(scheduler()) && !running(scheduler())) {
            services.start(group, List.of(scheduler()));
        }
    }

    /** Stops the scheduler a step had started again, so that an undo changes the database without it. */
    void stopSchedulerAgain() {
        if (running(scheduler())) {
            services.stop(group, List.of(scheduler()));
        }
    }

    /** Stops the web for migrations the old code cannot live with; nothing when it is not running. */
    void stopWebForMigrations() {
        if (running(InstanceServices.web(layout))) {
            facts.record(WEB_STOPPED, "true");
            services.stop(group, List.of(InstanceServices.web(layout)));
        }
    }

    /** Starts the web again when {@link #stopWebForMigrations} stopped it. */
    void startWebIfStopped() {
        if (facts.flag(WEB_STOPPED, () -> false) && !running(InstanceServices.web(layout))) {
            services.start(group, List.of(InstanceServices.web(layout)));
        }
    }

    /**
     * Points code/current at {@code revision}, rewriting the environment when its Python root
     * moved and the service definitions when the build selects other programs.
     */
    void switchCode(Revisions revisions, String revision) {
        String from = revisions.current().orElse(revision);
        String secret = files.secretKey();
        revisions.switchTo(revision);
        afterSwitch(from, revision, secret);
    }

    /**
     * Undoes a {@link #switchCode} from {@code from} to {@code to}, {@code from} and {@code previous}
     * being what code/current and code/previous were before it (the journal's facts, never the links
     * as they are now). Can run again, and on a switch that never happened or was undone already: the
     * links are set, the settings written and the services told again, which changes nothing then.
     */
    void switchBack(Revisions revisions, String from, String previous, String to) {
        if (!Files.isDirectory(layout.codeDir().resolve(from))) {
            // it ran from outside code/ (a pip-based instance being converted): without code/current its
            // service definitions are the ones it had; the conversion puts its settings back and restarts it
            revisions.dropCurrent();
            registerServices();
            return;
        }
        String secret = files.secretKey();
        revisions.switchBack(from, previous);
        afterSwitch(to, from, secret);
    }

    private void afterSwitch(String was, String now, String secret) {
        // a tree that is gone (an undo run again after the fetch's) is taken as another environment
        boolean gone = !Files.isDirectory(layout.codeDir().resolve(was));
        boolean moved = gone || !files.pythonPath(now).equals(files.pythonPath(was));
        boolean rebuilt = gone || !RevisionBuild.sameRuntime(layout.codeDir().resolve(was), layout.codeDir().resolve(now));
        if (moved || rebuilt) {
            files.writeSettings(now, secret);
        }
        if (registerServices() && services.kind().equals("supervisord")) {
            return; // supervisord's update restarted the group on its changed definition (systemd's does not)
        }
        if (moved || rebuilt) {
            restartWeb();
        } else {
            reloadWeb();
        }
        // the worker must run the server's version (LAVA refuses another with HTTP 409): at once
        new LocalWorker(layout, config).restartIfRunning(machine);
    }

    /** Writes the group's definition for what code/current's build selects; true when it changed. */
    private boolean registerServices() {
        var programs = InstanceServices.programs(layout, config, files.userGroup());
        if (services.isCurrent(group, programs)) {
            return false;
        }
        services.register(group, programs);
        return true;
    }

    /** For the plan: how the switch from {@code from} to {@code to} reaches the running programs. */
    String describeSwitch(String from, String to, boolean toBuilt) {
        boolean plain = !toBuilt && RevisionBuild.sameRuntime(layout.codeDir().resolve(from), layout.codeDir().resolve(to));
        String worker = new LocalWorker(layout, config).enabled() ? "; the local worker restarted on " + to
                + " at once (its version must be the server's)" : "";
        return (plain ? "a graceful reload of the web workers (a restart if the Python root moved)"
                : "a restart of the web workers (the build's Python environment changes), and the service definitions "
                + "rewritten for what the build's eggs select (lava-scheduler or not)") + worker;
    }

    /** New code for the web: a graceful reload (the environment is kept, the code is re-imported). */
    void reloadWeb() {
        if (running(InstanceServices.web(layout))) {
            services.reload(group, InstanceServices.web(layout));
        }
    }

    /** A new environment for the web needs a restart: the only moment an upgrade interrupts the web. */
    void restartWeb() {
        services.stop(group, List.of(InstanceServices.web(layout)));
        services.start(group, List.of(InstanceServices.web(layout)));
    }

    /** lava-publisher runs the code it started with: it starts again on the new one. */
    void restartPublisher() {
        String publisher = group + "-publisher";
        if (running(publisher)) {
            services.stop(group, List.of(publisher));
            services.start(group, List.of(publisher));
        }
    }

    void requireHealthy(String revision) {
        InstanceHealth.requireAnswering(machine, config, layout.logDir(), "with revision " + revision);
    }

    private boolean running(String program) {
        ServiceState state = services.states().get(program);
        return state != null && state.isUp();
    }
}
