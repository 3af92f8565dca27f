package org.lavasoftware.deploy.engine.operations;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.lavasoftware.deploy.adapters.apache.Apache;
import org.lavasoftware.deploy.adapters.apache.DefaultSite;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.postgres.PostgresAdmin;
import org.lavasoftware.deploy.adapters.services.ServiceManager;
import org.lavasoftware.deploy.adapters.services.ServiceProgram;
import org.lavasoftware.deploy.adapters.services.ServiceState;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.PlanFacts;
import org.lavasoftware.deploy.engine.Prompter;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.web.InstanceWeb;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.model.WebMode;

/**
 * {@code remove NAME}: everything of the instance, everywhere: services, Apache site and logs,
 * database, role, system user, directory. Its backups stay. Stopping the services and removing
 * the site can be undone; once the site is removed (the point of no return) a failed or
 * interrupted removal is finished by {@code recover}, every step after it running again as often
 * as needed. The plan reads instance.conf only through its facts, so it is rebuilt after the
 * directory is gone.
 */
public final class RemoveOperation implements Operation {
    public static final String KIND = "remove";
    private final InstanceName name;

    public RemoveOperation(InstanceName name) {
        this.name = name;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public InstanceName instance() {
        return name;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("name", name.value());
    }

    @Override
    public boolean changesInstanceSet() {
        return true;
    }

    @Override
    public void check(OperationContext context) {
        context.root().existing(name);
    }

    @Override
    public Plan plan(OperationContext context) {
        InstanceLayout layout = context.layout();
        Machine machine = Machine.of(context);
        PlanFacts facts = context.facts();
        // instance.conf goes with the instance's directory, the last step: what the plan reads of it is
        // journaled, so that a removal killed after that step is finished all the same
        Supplier<InstanceConfig> config = loaded(layout);
        String database = facts.text("database", () -> config.get().databaseName());
        String role = facts.text("database-user", () -> config.get().databaseUser());
        String user = facts.text("system-user", () -> config.get().systemUser());
        boolean ownsUser = facts.flag("owns-user", () -> config.get().isYes(ConfigKey.LAVA_INSTANCE_OWNS_USER));
        String workerName = facts.text("worker-name", () -> LocalWorker.enabled(config.get())
                ? config.get().get(ConfigKey.LAVA_WORKER_NAME) : "");
        WebMode mode = WebMode.parse(facts.text("web-mode", () -> WebMode.of(config.get()).value()));
        String group = InstanceServices.group(layout);
        String site = "lava-" + name;
        var services = machine.services();
        // put back as they were: registered or not, and those the administrator had stopped stay stopped
        boolean registered = facts.flag("registered", () -> services.isRegistered(group));
        List<String> stopped = facts.list("stopped-programs", () -> stoppedPrograms(services, layout));
        Plan.Builder plan = new Plan.Builder("removal of " + name);
        plan.add(Step.named("stop and remove the services of " + name)
                .shows(services.kind() + ": " + services.definitionFile(group))
                .does(() -> services.unregister(group))
                .undoes("register and start the services again", () -> {
                    if (registered && Files.exists(layout.currentCode())) {
                        InstanceFiles files = new InstanceFiles(layout, config.get(), machine);
                        List<ServiceProgram> programs = InstanceServices.programs(layout, config.get(), files.userGroup());
                        services.register(group, programs);
                        List<String> keepStopped = programs.stream().map(ServiceProgram::name).filter(stopped::contains)
                                .toList();
                        if (!keepStopped.isEmpty()) {
                            services.stop(group, keepStopped);
                        }
                        // put back means serving again, not merely started: the command returns when it answers
                        if (!keepStopped.contains(InstanceServices.web(layout))) {
                            InstanceHealth.requireAnswering(machine, config.get(), layout.logDir(), "once its removal was undone");
                        }
                    }
                })
                .build());
        if (!workerName.isEmpty()) {
            boolean linked = facts.flag("worker-linked", () -> new LocalWorker(layout, config.get()).ownsSystemLink());
            plan.add(Step.named("end the local worker's jobs and remove its link in /etc/lava-server/dispatcher.d")
                    .shows("kill what lava-run left running for " + name + " (its jobs' processes), remove "
                            + LocalWorker.DOWNLOADS + "/" + name + "-N and /etc/lava-server/dispatcher.d/" + workerName)
                    .does(() -> {
                        LocalWorker worker = new LocalWorker(layout, config.get());
                        worker.endJobs(machine);
                        worker.removeSystemLink();
                    })
                    .undoes("link /etc/lava-server/dispatcher.d/" + workerName + " again", () -> {
                        if (linked) {
                            new LocalWorker(layout, config.get()).restoreSystemLink();
                        }
                    })
                    .build());
        }
        Supplier<InstanceWeb> web = () -> InstanceWeb.of(context, layout);
        // the point of no return: once the instance is out of Apache, recovery drops its database rather than
        // put it back; were it the drop itself, a kill while PostgreSQL drops (or after it refused connections
        // to the database) would put back an instance without its database
        plan.add(Step.named("remove Apache site " + site)
                .shows(mode == WebMode.LOCATION ? "remove " + DefaultSite.entry(name.value()) + " (its /" + name
                        + "/ on the default site; the default site goes with the last such instance)"
                        : "a2dissite " + site + "; rm " + Apache.siteFile(site))
                .shows("apache2ctl graceful")
                .does(() -> web.get().removeFromApache())
                .undoes("serve " + name + " as " + mode + " in Apache again", () -> {
                    if (InstanceWeb.missingWebPart(layout, config.get()) == null) {
                        web.get().switchApache(mode, true);
                    }
                })
                .pointOfNoReturn()
                .build());
        plan.add(Step.named("drop PostgreSQL database " + database)
                .shows("DROP DATABASE \"" + database + "\" (its sessions ended first)")
                .does(() -> {
                    try (PostgresAdmin admin = machine.postgresAdmin()) {
                        admin.dropDatabase(database);
                    }
                })
                .build());
        plan.add(Step.named("drop PostgreSQL role " + role)
                .shows("DROP ROLE \"" + role + "\"")
                .does(() -> {
                    try (PostgresAdmin admin = machine.postgresAdmin()) {
                        admin.dropRole(role);
                    }
                })
                .build());
        if (ownsUser) {
            plan.add(Step.named("remove system user " + user)
                    .shows("userdel " + user)
                    .does(() -> machine.users().delete(user))
                    .build());
        }
        plan.add(Step.named("remove " + layout.dir())
                .shows("rm -r " + layout.dir() + "; the Apache logs /var/log/apache2/" + site + "-*.log")
                .does(() -> {
                    Filesystem.deleteTree(layout.dir());
                    Apache.removeLogs(site);
                })
                .build());
        return plan.build();
    }

    /** instance.conf, read once and only when asked: a recovery that has the facts never reads it. */
    private static Supplier<InstanceConfig> loaded(InstanceLayout layout) {
        InstanceConfig[] config = {null};
        return () -> {
            if (config[0] == null) {
                config[0] = InstanceConfigStore.load(layout).config();
            }
            return config[0];
        };
    }

    /** The instance's programs the service manager has but does not run. */
    private static List<String> stoppedPrograms(ServiceManager services, InstanceLayout layout) {
        Map<String, ServiceState> states = services.states();
        return InstanceServices.programNames(layout).stream()
                .filter(p -> states.containsKey(p) && !states.get(p).isUp()).toList();
    }

    @Override
    public boolean confirm(Plan plan, Prompter prompter) {
        return prompter.confirmByTyping(String.join("\n", plan.describe())
                + "\nThis destroys instance " + name + " and all its data (its backups are kept).", "DESTROY");
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new RemoveOperation(InstanceName.of(parameters.get("name")));
        }
    }
}
