package org.lavasoftware.deploy.engine.operations;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.lavasoftware.deploy.adapters.apache.Apache;
import org.lavasoftware.deploy.adapters.apache.DefaultSite;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.postgres.PostgresAdmin;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
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
 * the site can be undone; dropping the database is the point of no return, after which a failed
 * or interrupted removal is finished by {@code recover}.
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
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        String group = InstanceServices.group(layout);
        String site = "lava-" + name;
        var services = machine.services();
        Plan.Builder plan = new Plan.Builder("removal of " + name);
        plan.add(Step.named("stop and remove the services of " + name)
                .shows(services.kind() + ": " + services.definitionFile(group))
                .does(() -> services.unregister(group))
                .undoes("register and start the services again", () -> {
                    if (Files.exists(layout.currentCode())) {
                        InstanceFiles files = new InstanceFiles(layout, config, machine);
                        services.register(group, InstanceServices.programs(layout, config, files.userGroup()));
                    }
                })
                .build());
        LocalWorker worker = new LocalWorker(layout, config);
        if (worker.enabled()) {
            plan.add(Step.named("end the local worker's jobs and remove its link in /etc/lava-server/dispatcher.d")
                    .shows("kill what lava-run left running for " + name + " (its jobs' processes), remove "
                            + LocalWorker.DOWNLOADS + "/" + name + "-N and /etc/lava-server/dispatcher.d/" + worker.name())
                    .does(() -> {
                        worker.endJobs(machine);
                        worker.removeSystemLink();
                    })
                    .undoes("link /etc/lava-server/dispatcher.d/" + worker.name() + " again", worker::restoreSystemLink)
                    .build());
        }
        InstanceWeb web = InstanceWeb.of(context, layout);
        WebMode mode = WebMode.of(config);
        plan.add(Step.named("remove Apache site " + site)
                .shows(mode == WebMode.LOCATION ? "remove " + DefaultSite.entry(name.value()) + " (its /" + name
                        + "/ on the default site; the default site goes with the last such instance)"
                        : "a2dissite " + site + "; rm " + Apache.siteFile(site))
                .shows("apache2ctl graceful")
                .does(web::removeFromApache)
                .undoes("serve " + name + " as " + mode + " in Apache again", () -> {
                    if (InstanceWeb.missingWebPart(layout, config) == null) {
                        web.switchApache(mode, true);
                    }
                })
                .build());
        plan.add(Step.named("drop PostgreSQL database " + config.databaseName())
                .shows("DROP DATABASE \"" + config.databaseName() + "\" (its sessions ended first)")
                .does(() -> {
                    try (PostgresAdmin admin = machine.postgresAdmin()) {
                        admin.dropDatabase(config.databaseName());
                    }
                })
                .pointOfNoReturn()
                .build());
        plan.add(Step.named("drop PostgreSQL role " + config.databaseUser())
                .shows("DROP ROLE \"" + config.databaseUser() + "\"")
                .does(() -> {
                    try (PostgresAdmin admin = machine.postgresAdmin()) {
                        admin.dropRole(config.databaseUser());
                    }
                })
                .build());
        if (config.isYes(ConfigKey.LAVA_INSTANCE_OWNS_USER)) {
            plan.add(Step.named("remove system user " + config.systemUser())
                    .shows("userdel " + config.systemUser())
                    .does(() -> machine.users().delete(config.systemUser()))
                    .build());
        }
        plan.add(Step.named("remove " + layout.dir())
                .shows("rm -r " + layout.dir() + "; the Apache logs /var/log/apache2/" + site + "-*.log")
                .does(() -> {
                    Filesystem.deleteTree(layout.dir());
                    removeApacheLogs(site);
                })
                .build());
        return plan.build();
    }

    @Override
    public boolean confirm(Plan plan, Prompter prompter) {
        return prompter.confirmByTyping(String.join("\n", plan.describe())
                + "\nThis destroys instance " + name + " and all its data (its backups are kept).", "DESTROY");
    }

    private static void removeApacheLogs(String site) throws IOException {
        Path logs = Path.of("/var/log/apache2");
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(logs, site + "-*.log*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
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
