package org.lavasoftware.deploy.engine.operations.upgrade;

import java.util.List;
import org.lavasoftware.deploy.adapters.services.ServiceManager;
import org.lavasoftware.deploy.adapters.services.ServiceState;
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
 * checked through Apache.
 */
final class RevisionSwitch {
    private final InstanceLayout layout;
    private final InstanceConfig config;
    private final InstanceFiles files;
    private final Machine machine;
    private final ServiceManager services;
    private final String group;
    private boolean schedulerWasRunning;
    private boolean webStopped;

    RevisionSwitch(InstanceLayout layout, InstanceConfig config, InstanceFiles files, Machine machine) {
        this.layout = layout;
        this.config = config;
        this.files = files;
        this.machine = machine;
        this.services = machine.services();
        this.group = InstanceServices.group(layout);
    }

    String scheduler() {
        return group + "-scheduler";
    }

    void stopScheduler() {
        ServiceState state = services.states().get(scheduler());
        schedulerWasRunning = state != null && state.isUp();
        if (schedulerWasRunning) {
            services.stop(group, List.of(scheduler()));
        }
    }

    void startSchedulerIfItRan() {
        // a build without lava-scheduler has no scheduler program to start
        if (schedulerWasRunning && services.states().containsKey(scheduler())) {
            services.start(group, List.of(scheduler()));
        }
    }

    /** Stops the web for migrations the old code cannot live with; nothing when it is not running. */
    void stopWebForMigrations() {
        if (running(InstanceServices.web(layout))) {
            services.stop(group, List.of(InstanceServices.web(layout)));
            webStopped = true;
        }
    }

    /** Starts the web again when {@link #stopWebForMigrations} stopped it (or, after a crash, when {@code stopped} says so). */
    void startWebIfStopped(boolean stopped) {
        if ((webStopped || stopped) && !running(InstanceServices.web(layout))) {
            services.start(group, List.of(InstanceServices.web(layout)));
        }
        webStopped = false;
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

    /** Undoes a {@link #switchCode} from {@code from} to {@code to}. */
    void switchBack(Revisions revisions, String from, String previous, String to) {
        if (!java.nio.file.Files.isDirectory(layout.codeDir().resolve(from))) {
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
        boolean moved = !files.pythonPath(now).equals(files.pythonPath(was));
        boolean rebuilt = !RevisionBuild.sameRuntime(layout.codeDir().resolve(was), layout.codeDir().resolve(now));
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
