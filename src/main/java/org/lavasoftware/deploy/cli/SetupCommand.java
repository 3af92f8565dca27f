package org.lavasoftware.deploy.cli;

import org.lavasoftware.deploy.engine.operations.SetupOperation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "setup", description = {
    "Prepare this machine for LAVA instances: PostgreSQL, Apache with its proxy modules, supervisord",
    "(where systemd is not the init), git, brz, and the Python dependencies of the LAVA release, taken",
    "from its .deb files. Shows its plan and asks first (--yes does not ask). Safe to run again."})
final class SetupCommand extends PrivilegedCommand {
    @Option(names = "--release", paramLabel = "VERSION",
            description = "The lava-server Debian version whose dependencies to install (default: the newest).")
    private String release;

    @Override
    protected int run(CliContext context) {
        context.engine().execute(new SetupOperation(release));
        if (!context.options().dryRun) {
            context.err().println("setup of " + context.root().path() + " done");
        }
        return 0;
    }
}
