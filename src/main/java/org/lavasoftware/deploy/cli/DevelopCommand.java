package org.lavasoftware.deploy.cli;

import java.nio.file.Path;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.operations.upgrade.UpgradeOperation;
import org.lavasoftware.deploy.engine.operations.upgrade.UpgradeTarget;
import org.lavasoftware.deploy.model.InstanceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "develop", description = {
    "Run an instance on a LAVA branch directory (a checkout, or a tree laid out like Debian's): PATH",
    "becomes a revision of the instance, built like the others (its buildout config, code/current/local/",
    "checkouts as develop eggs), and is switched to as an upgrade does; `rollback NAME` goes back.",
    "LAVA_SERVER_BRANCH becomes PATH, so that `upgrade NAME` takes the branch's changes."})
final class DevelopCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    private String name;

    @Parameters(index = "1", paramLabel = "PATH", description = "The branch directory.")
    private Path path;

    @Option(names = "--no-backup", description = "Skip the snapshot taken before the switch.")
    private boolean noBackup;

    @Option(names = "--no-job-check", description = "Do not prove the branch with the smoke job (as upgrade does).")
    private boolean noJobCheck;

    @Override
    protected int run(CliContext context) {
        InstanceName instance = InstanceName.of(name);
        context.engine().refuseIfInterrupted(instance);
        var settings = UpgradeTarget.develop(context.engine(), instance, path, context.env().get("LAVA_BUILDOUT_CFG"), !noBackup);
        if (settings.isPresent()) {
            context.engine().execute(new UpgradeOperation(settings.get().withJobCheck(settings.get().jobCheck() && !noJobCheck)));
            if (!context.options().dryRun) {
                context.err().println(instance + ": on " + path + " as revision " + settings.get().revision());
            }
        }
        return 0;
    }
}
