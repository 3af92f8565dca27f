package org.lavasoftware.deploy.engine.operations;

import java.util.ArrayList;
import java.util.List;
import org.lavasoftware.deploy.adapters.apache.Apache;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.packages.Apt;
import org.lavasoftware.deploy.adapters.postgres.PostgresAdmin;
import org.lavasoftware.deploy.adapters.postgres.PostgresCluster;
import org.lavasoftware.deploy.adapters.services.Supervisor;
import org.lavasoftware.deploy.adapters.services.Systemd;
import org.lavasoftware.deploy.adapters.sources.DebianRelease;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.model.LavaRoot;

/**
 * What the machine needs before any instance: packages, PostgreSQL with the tool's role, Apache
 * with its proxy modules, supervisord where systemd is not the init, the root's directories.
 * Every step converges (running it twice changes nothing the second time) and none is undone:
 * packages may serve other things; a failed setup is finished by running it again.
 */
public final class SetupSteps {
    /** The machine's part; LAVA's own Python dependencies come from its release (see below). */
    static final List<String> PACKAGES = List.of("postgresql", "apache2", "curl", "openssl", "ca-certificates",
            "git", "brz", "python3", "python3-venv");

    private SetupSteps() {
    }

    /** {@code version}: the LAVA release whose dependencies to install; null for the newest. */
    public static List<Step> steps(OperationContext context, String version) {
        Machine machine = Machine.of(context);
        LavaRoot root = context.root();
        List<String> packages = packages();
        String release = version == null ? "the newest lava-server" : "lava-server " + version;
        List<Step> steps = new ArrayList<>();
        steps.add(Step.named("install system packages")
                .shows("apt-get update (when a package or lava-server is unknown to apt)")
                .shows(Apt.installCommand(packages).display() + "   (those not installed yet)")
                .does(() -> installPackages(machine.apt(), packages))
                .build());
        steps.add(Step.named("install the Python dependencies of LAVA")
                .shows("apt-get download " + String.join(" ", DebianRelease.PACKAGES) + " (" + release + ") into "
                        + root.cacheDir().resolve("debs"))
                .shows("apt-get install the Depends: of those .deb files (those not installed yet)")
                .does(() -> {
                    DebianRelease debian = machine.debianRelease();
                    String resolved = version == null ? debian.newestVersion() : version;
                    machine.apt().install(machine.apt().missing(debian.dependencies(resolved)));
                })
                .build());
        steps.add(Step.named("start PostgreSQL")
                .shows("pg_ctlcluster VERSION main start   (when the default cluster is down)")
                .does(() -> {
                    PostgresCluster cluster = machine.postgres();
                    if (!cluster.online()) {
                        machine.runner().run(cluster.startCommand());
                    }
                })
                .build());
        steps.add(Step.named("create the tool's PostgreSQL role")
                .shows("as postgres: CREATE ROLE lava_deployment_tool LOGIN CREATEROLE CREATEDB (SCRAM password, "
                        + "kept in " + machine.postgresCredentials().file() + ", 0600)")
                .does(() -> PostgresAdmin.bootstrapAdminRole(machine.runner(), machine.postgresCredentials()))
                .build());
        steps.add(Step.named("enable Apache's proxy modules and start Apache")
                .shows("a2enmod " + String.join(" ", Apache.MODULES))
                .shows("apache2ctl start")
                .does(() -> {
                    machine.apache().enableModules(Apache.MODULES);
                    machine.apache().ensureRunning();
                    machine.apache().graceful();
                })
                .build());
        if (!Systemd.isInit()) {
            steps.add(Step.named("start supervisord")
                    .shows(Supervisor.startCommand().display() + "   (when it is not running)")
                    .does(() -> machine.services().ensureRunning())
                    .build());
        }
        steps.add(Step.named("create " + root.path())
                .shows(root.instancesDir() + "/ (0755), " + root.backupsDir() + "/ (0700: backups hold secrets)")
                .shows(root.toolLogDir() + "/ (0750 root:adm), " + root.stateDir() + "/ (0700)")
                .does(() -> createRoot(root))
                .build());
        steps.add(Step.named("record setup version " + SetupState.VERSION)
                .shows(root.setupMarker() + " := " + SetupState.VERSION)
                .does(() -> Filesystem.file(root.setupMarker(), SetupState.VERSION + "\n", "rw-r--r--", "root", "root"))
                .build());
        return steps;
    }

    static List<String> packages() {
        List<String> packages = new ArrayList<>(PACKAGES);
        if (!Systemd.isInit()) {
            packages.add("supervisor");
        }
        return packages;
    }

    private static void installPackages(Apt apt, List<String> packages) {
        List<String> missing = apt.missing(packages);
        if (!missing.isEmpty() || apt.candidate("lava-server") == null) {
            apt.update();
        }
        apt.install(missing);
    }

    private static void createRoot(LavaRoot root) {
        Filesystem.directory(root.path(), "rwxr-xr-x", "root", "root");
        Filesystem.directory(root.instancesDir(), "rwxr-xr-x", "root", "root");
        Filesystem.directory(root.backupsDir(), "rwx------", "root", "root");
        Filesystem.directory(root.cacheDir(), "rwxr-xr-x", "root", "root");
        Filesystem.directory(root.toolLogDir(), "rwxr-x---", "root", "adm");
        Filesystem.directory(root.stateDir(), "rwx------", "root", "root");
    }
}
