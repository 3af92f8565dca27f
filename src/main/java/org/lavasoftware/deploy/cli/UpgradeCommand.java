package org.lavasoftware.deploy.cli;

import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.operations.upgrade.UpgradeOperation;
import org.lavasoftware.deploy.engine.operations.upgrade.UpgradeTarget;
import org.lavasoftware.deploy.model.InstanceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "upgrade", description = {
    "Upgrade an instance to revision REVNO of its code source (LAVA_SERVER_BRANCH; the newest without REVNO):",
    "fetched and built beside the running one (from its buildout config, LAVA_BUILDOUT_CFG, when it has one;",
    "a changed config is a new build of the same revision), a snapshot first, then a switch with a graceful reload; any",
    "failure returns the instance to its revision and its database to how it was. With a QEMU device on its",
    "local worker, the smoke job must pass on the new revision before the upgrade is kept (see check).",
    "--dry-run shows the migrations that would run and whether each can be undone."})
final class UpgradeCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    private String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REVNO", description = "A revision of the source.")
    private String revno;

    @Option(names = "--no-backup", description = "Skip the snapshot taken before the upgrade.")
    private boolean noBackup;

    @Option(names = "--no-job-check", description = "Do not prove the new revision with the smoke job (which it runs on a"
            + " QEMU device of the local worker, when there is one, before the upgrade is kept).")
    private boolean noJobCheck;

    @Option(names = "--keep", paramLabel = "N", defaultValue = "3", description = "Revisions kept afterwards (default 3).")
    private int keep;

    @Override
    protected int run(CliContext context) {
        if (keep < 2) {
            throw ToolException.badInput("--keep must be at least 2: the current revision and the previous one");
        }
        InstanceName instance = InstanceName.of(name);
        context.engine().refuseIfInterrupted(instance);
        var settings = UpgradeTarget.resolve(context.engine(), instance, revno, context.env().get("LAVA_SERVER_BRANCH"),
                context.env().get("LAVA_BUILDOUT_CFG"), !noBackup, keep);
        if (settings.isPresent()) {
            context.engine().execute(new UpgradeOperation(settings.get().withJobCheck(settings.get().jobCheck() && !noJobCheck)));
            if (!context.options().dryRun) {
                context.err().println(instance + ": upgraded to " + settings.get().revision());
            }
        }
        return 0;
    }
}
