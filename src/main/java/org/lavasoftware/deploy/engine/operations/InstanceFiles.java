package org.lavasoftware.deploy.engine.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.apache.LocationSite;
import org.lavasoftware.deploy.adapters.apache.SiteSpec;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.lava.LavaAdmin;
import org.lavasoftware.deploy.adapters.lava.LavaScripts;
import org.lavasoftware.deploy.adapters.lava.LavaSettings;
import org.lavasoftware.deploy.adapters.lava.PythonRoot;
import org.lavasoftware.deploy.adapters.lava.Served;
import org.lavasoftware.deploy.adapters.postgres.AdminCredentials;
import org.lavasoftware.deploy.adapters.web.MachineName;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.ShellAssignments;
import org.lavasoftware.deploy.model.WebMode;

/**
 * The files of an instance and who may read them: the classic anatomy (media private to the
 * instance user, run/ and the static files readable by Apache's group, var/log by adm), its
 * settings and commands, its Apache site.
 */
public final class InstanceFiles {
    private static final String APACHE_GROUP = "www-data";

    private final InstanceLayout layout;
    private final InstanceConfig config;
    private final Machine machine;
    private String userGroup;

    public InstanceFiles(InstanceLayout layout, InstanceConfig config, Machine machine) {
        this.layout = layout;
        this.config = config;
        this.machine = machine;
    }

    public String user() {
        return config.systemUser();
    }

    /** The instance user's primary group (lava-NAME, or a developer's own group). */
    public String userGroup() {
        if (userGroup == null && config.isYes(ConfigKey.LAVA_INSTANCE_OWNS_USER)) {
            userGroup = user(); // useradd --user-group made it
        }
        if (userGroup == null) {
            userGroup = machine.runner().run(Command.of("id", "-gn", user()).build()).stdout().strip();
        }
        return userGroup;
    }

    /** LAVA's settings for the instance as its instance.conf says it is served. */
    public LavaSettings settings() {
        return settings(WebMode.of(config));
    }

    /** LAVA's settings for the instance served as {@code mode}. */
    public LavaSettings settings(WebMode mode) {
        String port = config.get(ConfigKey.LAVA_DB_PORT);
        Served served = mode == WebMode.LOCATION
                ? Served.under(LocationSite.prefix(layout.name().value()), MachineName.get())
                : Served.atRoot(config.get(ConfigKey.LAVA_APACHE_VHOST), config.isYes(ConfigKey.LAVA_HTTPS));
        return new LavaSettings(layout, served, config.isYes(ConfigKey.LAVA_DEV_MODE),
                port.matches("\\d+") ? Integer.parseInt(port) : 5432, config.databaseName(), config.databaseUser(),
                Integer.parseInt(config.get(ConfigKey.LAVA_EVENT_PORT)));
    }

    public String describeTree() {
        String u = user();
        return String.join("\n",
                layout.etcLavaServer() + " (0750 root:" + u + "), etc/dispatcher-config, etc/dispatcher.d (" + u + ")",
                layout.media() + " (0750 " + u + ": private to the instance)",
                layout.staticFiles() + "-REV and " + layout.runDir() + " (0750 " + u + ":" + APACHE_GROUP + ")",
                layout.logDir() + " (2750 " + u + ":adm), " + layout.tmpDir() + " (1770), code/ and bin/ (root)",
                layout.etcLavaDispatcher() + " (0700 root: the local worker's token), " + layout.workerDir().getParent() + " (root)");
    }

    public void createTree() {
        String u = user();
        String g = userGroup();
        dir(layout.codeDir(), "rwxr-xr-x", "root", "root");
        dir(layout.dir().resolve("bin"), "rwxr-xr-x", "root", "root");
        dir(layout.dir().resolve("etc"), "rwxr-xr-x", "root", "root");
        dir(layout.etcLavaServer(), "rwxr-x---", "root", g);
        dir(layout.etcApache(), "rwxr-xr-x", "root", "root");
        for (String d : List.of("etc/dispatcher-config/devices", "etc/dispatcher-config/device-types",
                "etc/dispatcher-config/health-checks", "etc/dispatcher.d")) {
            dir(layout.dir().resolve(d), "rwxr-xr-x", u, g);
        }
        dir(layout.dir().resolve("etc/dispatcher-config"), "rwxr-xr-x", u, g);
        dir(layout.varLibLavaServer(), "rwxr-x---", u, g);
        dir(layout.etcLavaDispatcher(), "rwx------", "root", "root");
        dir(layout.workerDir().getParent(), "rwxr-xr-x", "root", "root");
        dir(layout.media(), "rwxr-x---", u, g);
        dir(layout.staticFiles().getParent(), "rwxr-xr-x", "root", "root");
        dir(layout.logDir(), "rwxr-s---", u, "adm");
        dir(layout.runDir(), "rwxr-x---", u, APACHE_GROUP);
        dir(layout.tmpDir(), "rwxrwx--T", u, g);
    }

    private static void dir(Path path, String mode, String owner, String group) {
        Filesystem.directory(path, mode, owner, group);
    }

    /** Where a release keeps its stock device-type templates: the Debian package's place, or the git tree's. */
    private static final List<String> DEVICE_TYPES = List.of("usr/share/lava-server/device-types",
            "etc/dispatcher-config/device-types");

    /** Writes lava.env (with a new SECRET_KEY) and the bin/ commands for the code of {@code version}. */
    public void writeSettings(String version) {
        writeSettings(version, AdminCredentials.Secrets.token(50));
    }

    /** Writes lava.env for the code of {@code version}, keeping {@code secretKey}, and the bin/ commands. */
    public void writeSettings(String version, String secretKey) {
        writeEnvironment(layout.codeDir().resolve(version), settings(), secretKey);
        writeCommands();
        writeWorker(layout.codeDir().resolve(version), WebMode.of(config));
    }

    /**
     * Writes lava.env again for the instance served as {@code mode}, for the code in use, keeping
     * its SECRET_KEY: a new key would end every session and invalidate what LAVA signed with it.
     */
    public void rewriteSettings(WebMode mode) {
        Path env = settings(mode).envFile();
        String secret;
        try {
            secret = ShellAssignments.parse(Files.readString(env), env.toString()).get("SECRET_KEY");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + env + ": " + e.getMessage(), e);
        }
        if (secret == null || secret.isEmpty()) {
            throw ToolException.unexpectedState(env + " has no SECRET_KEY; it was not written by this tool: "
                    + "put the instance's key back into it first");
        }
        Path current;
        try {
            current = layout.currentCode().toRealPath(); // the revision code/current points at
        } catch (java.io.IOException e) {
            throw ToolException.unexpectedState("instance " + layout.name() + " has no code/current: " + e.getMessage());
        }
        writeEnvironment(current, settings(mode), secret);
        writeWorker(current, mode);
    }

    /** The local worker's files follow the code's layout (its Python root) and the web mode (its URL's path). */
    private void writeWorker(Path tree, WebMode mode) {
        LocalWorker worker = new LocalWorker(layout, config);
        if (worker.enabled()) {
            worker.writeFiles(tree, mode, userGroup());
        }
    }

    private void writeEnvironment(Path tree, LavaSettings s, String secretKey) {
        Filesystem.file(s.envFile(), LavaScripts.envFile(s.environment(PythonRoot.within(tree), deviceTypes(tree), secretKey)),
                "rw-r-----", "root", userGroup());
    }

    /** The SECRET_KEY the instance has now (it must survive a rewrite of its settings). */
    public String secretKey() {
        try {
            return org.lavasoftware.deploy.model.ShellAssignments.parse(Files.readString(settings().envFile()),
                    settings().envFile().toString()).get("SECRET_KEY");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + settings().envFile() + ": " + e.getMessage(), e);
        }
    }

    /** The environment the code of a revision needs (its Python root), to compare with the current one. */
    public String pythonPath(String revision) {
        return layout.currentCode().resolve(PythonRoot.within(layout.codeDir().resolve(revision))).toString();
    }

    private Path deviceTypes(Path tree) {
        return DEVICE_TYPES.stream().filter(d -> Files.isDirectory(tree.resolve(d))).findFirst()
                .map(d -> layout.currentCode().resolve(d)).orElse(null);
    }

    /** The static files of a revision, collected into their own directory by that revision's code. */
    public void collectStatic(String revision, Machine machine) {
        Revisions revisions = new Revisions(layout);
        Path target = revisions.staticOf(revision);
        Filesystem.deleteTree(target);
        Filesystem.directory(target, "rwxr-x---", user(), APACHE_GROUP);
        machine.runner().run(withRevision(List.of("collectstatic", "--noinput"), revision)
                .env(LavaScripts.STATIC_OVERRIDE, target.toString()).build());
    }

    /** {@code lava-server manage ARGS} with the code of {@code revision}, whatever is current. */
    public Command.Builder withRevision(List<String> args, String revision) {
        Path tree = layout.codeDir().resolve(revision);
        Path built = tree.resolve("bin/lava-server"); // a build's own, with its venv and eggs
        List<String> argv = new java.util.ArrayList<>(manage(args).argv());
        if (Files.isExecutable(built)) {
            argv.set(0, built.toString());
        }
        return Command.of(argv).as(user()).in(layout.dir()).timeout(Duration.ofMinutes(30))
                .env(LavaScripts.CODE_OVERRIDE, tree.resolve(PythonRoot.within(tree)).toString());
    }

    /** The bin/ commands, as this version of the tool writes them. */
    public void writeCommands() {
        LavaScripts scripts = new LavaScripts(layout);
        Filesystem.file(scripts.lavaEnv(), scripts.lavaEnvScript(settings().envFile()), "rwxr-xr-x", "root", "root");
        Filesystem.file(scripts.lavaServer(), scripts.lavaServerScript(), "rwxr-xr-x", "root", "root");
    }

    public void removeCode() {
        try (var entries = Files.list(layout.codeDir())) {
            entries.forEach(Filesystem::deleteTree);
        } catch (java.io.IOException e) {
            // no code directory: nothing was fetched
        }
    }

    /** The instance's own Django, asked through lava_admin.py (workers, devices, the tool's API user). */
    public LavaAdmin admin() {
        return new LavaAdmin(machine.runner(), manage(LavaAdmin.SHELL));
    }

    /** As {@link #admin()}, on another database of the instance's role (a restore's staging copy). */
    public LavaAdmin admin(String database) {
        Command shell = manage(LavaAdmin.SHELL);
        return new LavaAdmin(machine.runner(), Command.of(shell.argv()).as(shell.runAs()).in(shell.workDir())
                .timeout(shell.timeout()).env(LavaScripts.DATABASE_OVERRIDE, database).build());
    }

    /** {@code lava-server manage ARGS} as the instance's user, from its directory. */
    public Command manage(List<String> args) {
        return Command.of(new LavaScripts(layout).manage(args)).as(user()).in(layout.dir())
                .timeout(Duration.ofMinutes(30)).build();
    }

    /** The instance's virtual host: linked from sites-available as lava-NAME. */
    public Path siteFile() {
        return layout.etcApache().resolve(layout.name().systemName() + ".conf");
    }

    /** The instance's /NAME/ on the default site, in location mode: linked from lava-locations. */
    public Path locationFile() {
        return layout.etcApache().resolve(layout.name().systemName() + "-location.conf");
    }

    public SiteSpec site() {
        boolean https = config.isYes(ConfigKey.LAVA_HTTPS);
        String host = config.get(ConfigKey.LAVA_APACHE_VHOST);
        Path tls = layout.dir().resolve("etc/tls");
        return new SiteSpec(layout.name().value(), host, layout.staticFiles(),
                layout.currentCode().resolve("usr/share/doc/lava-server-doc/html"), layout.runDir().resolve("gunicorn.sock"),
                Integer.parseInt(config.get(ConfigKey.LAVA_PUBLISHER_PORT)),
                https ? tls.resolve(host + ".crt") : null, https ? tls.resolve(host + ".key") : null);
    }
}
