package org.lavasoftware.deploy.cli;

import java.nio.file.Path;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.operations.InstallDefaults;
import org.lavasoftware.deploy.engine.operations.InstallOperation;
import org.lavasoftware.deploy.engine.operations.InstallSettings;
import org.lavasoftware.deploy.engine.operations.InstallSettings.Https;
import org.lavasoftware.deploy.model.InstanceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "install", description = {
    "Create a LAVA instance: system user lava-NAME, its directories, a PostgreSQL role and database,",
    "LAVA's code (from LAVA_SERVER_BRANCH: by default the Debian release; revision REVNO or the newest),",
    "migrations, static files, its services (a local lava-worker among them, unless --no-worker)",
    "and an Apache virtual host. Asks a few questions first (--yes takes the defaults and options).",
    "Runs setup's steps first when the machine is not set up. Any failure undoes what was done."})
final class InstallCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The new instance's name.")
    private String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REVNO", description = "The lava-server Debian version.")
    private String revno;

    @Option(names = "--vhost", paramLabel = "HOST", description = "The virtual host's name (default: this machine's name).")
    private String vhost;

    @Option(names = "--https", description = "Serve HTTPS (HTTP redirects): with --cert and --key, else a self-signed certificate.")
    private boolean https;

    @Option(names = "--cert", paramLabel = "FILE", description = "The certificate for --https.")
    private Path certificate;

    @Option(names = "--key", paramLabel = "FILE", description = "The certificate's key for --https.")
    private Path key;

    @Option(names = "--dev", description = "Developer mode: runs as you (the user behind sudo), with DEBUG on.")
    private boolean dev;

    @Option(names = "--no-scheduler", description = "Do not run lava-scheduler.")
    private boolean noScheduler;

    @Option(names = "--no-worker", description = "A server only: no local lava-worker (LAVA_WORKER_ENABLED='no').")
    private boolean noWorker;

    @Override
    protected int run(CliContext context) {
        InstanceName instance = InstanceName.of(name);
        if ((certificate == null) != (key == null) || (certificate != null && !https)) {
            throw ToolException.badInput("--cert and --key go together, with --https");
        }
        Https mode = !https ? Https.NONE : certificate == null ? Https.SELF_SIGNED : Https.CERTIFICATE;
        String currentUser = context.env().getOrDefault("SUDO_USER", System.getProperty("user.name"));
        if (dev && currentUser.equals("root")) {
            throw ToolException.badInput("--dev runs the instance as your own user: run the install through sudo "
                    + "from that user, not as root");
        }
        String source = context.env().getOrDefault("LAVA_SERVER_BRANCH", "debian:lava-server");
        InstallSettings settings = new InstallSettings(instance, source, revno,
                vhost != null ? vhost : InstallDefaults.host(context.root(), instance), mode,
                certificate == null ? null : certificate.toAbsolutePath(), key == null ? null : key.toAbsolutePath(),
                dev ? currentUser : null, !noScheduler, InstallDefaults.needsSetup(context.root())).withWorker(!noWorker);
        settings = new InstallWizard(context.prompter()).complete(settings, currentUser)
                .withBuildout(context.env().get("LAVA_BUILDOUT_CFG"));
        context.engine().execute(new InstallOperation(settings));
        if (!context.options().dryRun) {
            context.err().println("instance " + instance + " is up at " + (settings.https() == Https.NONE ? "http://"
                    : "https://") + settings.host() + "/ ; create its administrator with `lava-deployment-tool manage "
                    + instance + " createsuperuser`" + (settings.worker() ? "; give its worker a device with `lava-deployment-tool "
                    + "device add " + instance + " qemu-01 --type qemu` and run a job on it with `lava-deployment-tool check "
                    + instance + "`" : ""));
        }
        return 0;
    }
}
