package org.lavasoftware.deploy.engine.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.apache.Apache;
import org.lavasoftware.deploy.adapters.apache.ApacheSite;
import org.lavasoftware.deploy.adapters.apache.SiteSpec;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.lava.WorkerFiles;
import org.lavasoftware.deploy.adapters.postgres.AdminCredentials;
import org.lavasoftware.deploy.adapters.postgres.PgPass;
import org.lavasoftware.deploy.adapters.postgres.PostgresAdmin;
import org.lavasoftware.deploy.adapters.sources.CodeSource;
import org.lavasoftware.deploy.adapters.sources.CodeSources;
import org.lavasoftware.deploy.adapters.users.SystemUsers;
import org.lavasoftware.deploy.adapters.web.Certificates;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.PlanFacts;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * {@code install NAME [REVNO]}: a new instance, from nothing to LAVA answering through Apache.
 * Each step undoes itself; a failure at any step leaves no user, role, database, directory,
 * service or site behind. When the machine is not set up yet, setup's steps come first.
 */
public final class InstallOperation implements Operation {
    public static final String KIND = "install";
    private final InstallSettings settings;

    public InstallOperation(InstallSettings settings) {
        this.settings = settings;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public InstanceName instance() {
        return settings.name();
    }

    @Override
    public Map<String, String> parameters() {
        return settings.parameters();
    }

    @Override
    public boolean changesInstanceSet() {
        return true;
    }

    @Override
    public void check(OperationContext context) {
        new InstallChecks(context, settings).run();
    }

    @Override
    public Plan plan(OperationContext context) {
        InstanceLayout layout = context.layout();
        Machine machine = Machine.of(context);
        PlanFacts facts = context.facts();
        // after a crash an allocation would skip the ports this install wrote into its own instance.conf, or
        // that its services listen on: the ports it was given are kept, as is its worker's name
        PortAllocator.Ports ports = PortAllocator.Ports.parse(facts.text("ports", () -> PortAllocator.allocate(
                context.root(), machine.services().registeredDirectories()).fact()));
        String workerName = settings.worker()
                ? facts.text("worker-name", () -> LocalWorker.defaultName(settings.name().value())) : "";
        InstanceConfig config = configuration(context, ports, workerName);
        InstanceFiles files = new InstanceFiles(layout, config, machine);
        String user = settings.systemUser();
        String release = settings.version() == null ? "the newest revision" : "revision " + settings.version();
        // the revision fetched, once known (the fetch step records it): the build's undo removes that one
        String[] revision = {facts.text("revision", settings::version)};
        CodeSource source = CodeSources.of(settings.source(), context.root().cacheDir(), machine.runner());
        Revisions revisions = new Revisions(layout);

        Plan.Builder plan = new Plan.Builder("install of " + layout.name());
        if (settings.withSetup()) {
            plan.addAll(SetupSteps.steps(context, settings.version()));
        }
        plan.add(Step.named("create " + layout.dir() + " and its instance.conf")
                .shows(layout.configFile() + " (0600: it names the database and its port)")
                .shows("publisher port " + ports.publisher() + ", event port " + ports.event() + ", web port "
                        + ports.web() + " (on 127.0.0.1, for the local worker)")
                .does(() -> {
                    creating(facts, "created-dir", !Files.exists(layout.dir()));
                    Filesystem.directory(layout.dir(), "rwxr-xr-x", "root", "root");
                    config.set(ConfigKey.LAVA_DB_PORT, Integer.toString(machine.postgres().port()));
                    InstanceConfigStore.save(layout, config);
                })
                .undoes("remove " + layout.dir(), () -> {
                    if (created(facts, "created-dir")) {
                        Filesystem.deleteTree(layout.dir());
                    }
                })
                .build());
        if (!settings.dev()) {
            plan.add(Step.named("create system user " + user)
                    .shows(SystemUsers.createCommand(user, layout.dir(), comment()).display())
                    .does(() -> {
                        creating(facts, "created-group", !machine.users().groupExists(user));
                        creating(facts, "created-user", !machine.users().exists(user));
                        machine.users().create(user, layout.dir(), comment());
                    })
                    .undoes("remove system user " + user, () -> {
                        if (created(facts, "created-user")) {
                            machine.users().deleteUser(user);
                        }
                        if (created(facts, "created-group")) {
                            machine.users().deleteGroup(user);
                        }
                    })
                    .build());
        }
        plan.add(Step.named("create the instance's directories")
                .shows(files.describeTree())
                .does(files::createTree)
                .build());
        plan.add(Step.named("create PostgreSQL role " + config.databaseUser())
                .shows("CREATE ROLE \"" + config.databaseUser() + "\" LOGIN PASSWORD '<SCRAM verifier computed here>'")
                .shows(files.settings().pgpassFile() + " (0600 " + user + "): the password, for LAVA's processes")
                .does(() -> createRole(machine, files, config, facts))
                .undoes("drop PostgreSQL role " + config.databaseUser(), () -> {
                    if (created(facts, "created-role")) {
                        try (PostgresAdmin admin = machine.postgresAdmin()) {
                            admin.dropRole(config.databaseUser());
                        }
                    }
                })
                .build());
        plan.add(Step.named("create PostgreSQL database " + config.databaseName())
                .shows("CREATE DATABASE \"" + config.databaseName() + "\" OWNER \"" + config.databaseUser()
                        + "\" ENCODING 'UTF8' TEMPLATE template0")
                .does(() -> {
                    try (PostgresAdmin admin = machine.postgresAdmin()) {
                        creating(facts, "created-database", !admin.databaseExists(config.databaseName()));
                        admin.createDatabase(config.databaseName(), config.databaseUser());
                    }
                })
                .undoes("drop PostgreSQL database " + config.databaseName(), () -> {
                    if (created(facts, "created-database")) {
                        try (PostgresAdmin admin = machine.postgresAdmin()) {
                            admin.dropDatabase(config.databaseName());
                        }
                    }
                })
                .build());
        plan.add(Step.named("fetch " + release + " from " + source.describe())
                .shows(source.describe() + ", revision " + (settings.version() == null ? "the newest" : settings.version())
                        + ", into " + layout.codeDir() + "/REV (the Debian release is extracted, never installed)")
                .does(() -> {
                    CodeSource.Revision resolved = source.resolve(settings.version());
                    // a config outside the tree names the build, as upgrade names it: REV+boHASH
                    revision[0] = org.lavasoftware.deploy.engine.operations.build.BuildId.of(layout, resolved.id(),
                            settings.buildoutCfg() == null ? "" : settings.buildoutCfg());
                    facts.record("revision", revision[0]);
                    context.reporter().info("fetching revision " + resolved + " from " + source.describe());
                    source.fetch(resolved, revisions.tree(revision[0]));
                })
                .undoes("remove the fetched code", () -> files.removeCode())
                .build());
        String buildout = settings.buildoutCfg() == null ? "" : settings.buildoutCfg();
        new org.lavasoftware.deploy.engine.operations.build.BuildSteps(layout, machine, "none", "the revision",
                () -> revision[0], buildout, true).addTo(plan);
        plan.add(Step.named("point code/current at the revision")
                .shows(layout.currentCode() + " -> REV")
                .does(() -> revisions.switchTo(revision[0]))
                .undoes("remove code/current", () -> Files.deleteIfExists(layout.currentCode()))
                .build());
        LocalWorker worker = new LocalWorker(layout, config);
        Step.Builder writeSettings = Step.named("write the instance's settings and commands")
                .shows(files.settings().envFile() + " (0640 root:" + user + "): database URL, SECRET_KEY, LAVA settings")
                .shows(layout.dir().resolve("bin/lava-env") + ", " + layout.dir().resolve("bin/lava-server"))
                .does(() -> files.writeSettings(revision[0]));
        if (worker.enabled()) {
            writeSettings.shows("the local worker " + worker.name() + ": " + layout.etcLavaDispatcher().resolve("lava-worker")
                            + ", bin/lava-worker, bin/lava-run, " + layout.dispatcherDirs().resolve(worker.name())
                            + "/{dispatcher.yaml,env.yaml}, linked from /etc/lava-server/dispatcher.d/" + worker.name())
                    .undoes("remove the local worker's link in /etc/lava-server/dispatcher.d", worker::removeSystemLink);
        }
        plan.add(writeSettings.build());
        plan.add(Step.named("apply database migrations")
                .shows(files.manage(List.of("migrate", "--noinput")).display())
                .does(() -> machine.runner().run(files.manage(List.of("migrate", "--noinput"))))
                .build());
        if (worker.enabled()) {
            plan.add(Step.named("register the local worker " + worker.name() + " with the server")
                    .shows(WorkerFiles.tokenFile(layout) + " (0600 root): a new token, given to LAVA through "
                            + "lava-server manage shell's standard input, never an argument")
                    .shows("lava-worker serves jobs from " + layout.workerDir() + " on http://127.0.0.1:"
                            + ports.web() + "/ (gunicorn's loopback port), devices added with `device add`")
                    .does(() -> worker.register(files.admin()))
                    .build());
        }
        plan.add(Step.named("collect static files")
                .shows(files.manage(List.of("collectstatic", "--noinput")).display() + " into " + layout.staticFiles() + "-REV")
                .shows(layout.staticFiles() + " -> static-REV")
                .does(() -> {
                    files.collectStatic(revision[0], machine);
                    revisions.useStatic(revision[0]);
                })
                .build());
        addCertificateStep(plan, layout, machine);
        addServiceAndSiteSteps(plan, layout, machine, files, config);
        return plan.build();
    }

    /**
     * Records, before a step makes something, whether it was missing: the undo removes only what
     * this install made (a role, a group left by someone else stays), also after a crash.
     */
    private static void creating(PlanFacts facts, String key, boolean missing) {
        facts.record(key, Boolean.toString(missing));
    }

    /** Whether the step made it; false when the step was killed before it recorded so (it made nothing). */
    private static boolean created(PlanFacts facts, String key) {
        return facts.flag(key, () -> false);
    }

    private void addCertificateStep(Plan.Builder plan, InstanceLayout layout, Machine machine) {
        Path tls = layout.dir().resolve("etc/tls");
        Path key = tls.resolve(settings.host() + ".key");
        Path certificate = tls.resolve(settings.host() + ".crt");
        if (settings.https() == InstallSettings.Https.SELF_SIGNED) {
            plan.add(Step.named("make a self-signed certificate for " + settings.host())
                    .shows(Certificates.selfSigned(settings.host(), key, certificate).display())
                    .does(() -> {
                        Filesystem.directory(tls, "rwx------", "root", "root");
                        machine.runner().run(Certificates.selfSigned(settings.host(), key, certificate));
                        Filesystem.own(key, "rw-------", "root", "root");
                    })
                    .build());
        } else if (settings.https() == InstallSettings.Https.CERTIFICATE) {
            plan.add(Step.named("install the certificate for " + settings.host())
                    .shows("copy " + settings.certificate() + " and " + settings.key() + " into " + tls + " (key 0600)")
                    .does(() -> {
                        Filesystem.directory(tls, "rwx------", "root", "root");
                        Filesystem.file(certificate, Files.readString(settings.certificate()), "rw-r--r--", "root", "root");
                        Filesystem.file(key, Files.readString(settings.key()), "rw-------", "root", "root");
                    })
                    .build());
        }
    }

    private void addServiceAndSiteSteps(Plan.Builder plan, InstanceLayout layout, Machine machine, InstanceFiles files,
                                        InstanceConfig config) {
        var services = machine.services();
        String group = InstanceServices.group(layout);
        SiteSpec site = files.site();
        plan.add(Step.named("register and start the services with " + services.kind())
                .shows(services.definitionFile(group) + ":")
                .shows(services.render(group, InstanceServices.programs(layout, config, files.userGroup())))
                .does(() -> services.register(group, InstanceServices.programs(layout, config, files.userGroup())))
                .undoes("stop and remove the services", () -> services.unregister(group))
                .build());
        Path siteFile = files.siteFile();
        plan.add(Step.named("enable Apache site " + site.siteName() + " for " + settings.host())
                .shows(siteFile + ", linked from /etc/apache2/sites-available/" + site.siteName() + ".conf:")
                .shows(ApacheSite.render(site))
                .shows("apache2ctl configtest, then apache2ctl graceful")
                .does(() -> {
                    Filesystem.file(siteFile, ApacheSite.render(site), "rw-r--r--", "root", "root");
                    machine.apache().installSite(site.siteName(), siteFile);
                })
                .undoes("remove Apache site " + site.siteName() + " and its logs", () -> {
                    machine.apache().removeSite(site.siteName());
                    Apache.removeLogs(site.siteName());
                })
                .build());
        plan.add(Step.named("wait for " + site.url() + " to answer through Apache")
                .shows("curl " + site.url() + " until it answers 200 (at most 2 minutes)")
                .does(() -> {
                    int status = machine.http().awaitOk(site.url(), settings.host(), site.https(), Duration.ofMinutes(2));
                    if (status != 200) {
                        throw ToolException.failed(site.url() + " answered " + (status == 0 ? "nothing" : status)
                                + " instead of 200; see " + layout.logDir() + "/gunicorn.log and django.log");
                    }
                })
                .build());
    }

    private InstanceConfig configuration(OperationContext context, PortAllocator.Ports ports, String workerName) {
        InstanceConfig config = InstanceConfig.fresh(settings.name(), context.root().instancesDir().toString());
        config.set(ConfigKey.LAVA_SERVER_BRANCH, settings.source())
                .set(ConfigKey.LAVA_BUILDOUT_CFG, settings.buildoutCfg() == null ? "" : settings.buildoutCfg())
                .set(ConfigKey.LAVA_APACHE_VHOST, settings.host())
                .set(ConfigKey.LAVA_HTTPS, settings.https() == InstallSettings.Https.NONE ? "no" : "yes")
                .set(ConfigKey.LAVA_DEV_MODE, settings.dev() ? "yes" : "no")
                .set(ConfigKey.LAVA_SYS_USER, settings.systemUser())
                .set(ConfigKey.LAVA_INSTANCE_OWNS_USER, settings.dev() ? "no" : "yes")
                .set(ConfigKey.LAVA_SCHEDULER_ENABLED, settings.scheduler() ? "yes" : "no")
                .set(ConfigKey.LAVA_PUBLISHER_PORT, Integer.toString(ports.publisher()))
                .set(ConfigKey.LAVA_EVENT_PORT, Integer.toString(ports.event()))
                .set(ConfigKey.LAVA_WEB_PORT, Integer.toString(ports.web()))
                .set(ConfigKey.LAVA_WORKER_ENABLED, settings.worker() ? "yes" : "no")
                .set(ConfigKey.LAVA_WORKER_NAME, workerName);
        return config;
    }

    private void createRole(Machine machine, InstanceFiles files, InstanceConfig config, PlanFacts facts) {
        String password = AdminCredentials.Secrets.newPassword();
        int port = machine.postgres().port();
        Filesystem.file(files.settings().pgpassFile(),
                PgPass.line(port, config.databaseUser(), password), "rw-------",
                settings.systemUser(), files.userGroup());
        try (PostgresAdmin admin = machine.postgresAdmin()) {
            creating(facts, "created-role", !admin.roleExists(config.databaseUser()));
            admin.createRole(config.databaseUser(), PostgresAdmin.scramVerifier(password.toCharArray()));
        }
    }

    private String comment() {
        return "LAVA instance " + settings.name();
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new InstallOperation(InstallSettings.fromParameters(parameters));
        }
    }
}
