package org.lavasoftware.deploy.cli;

import org.lavasoftware.deploy.engine.operations.RemoveOperation;
import org.lavasoftware.deploy.model.InstanceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "remove", description = {
    "Destroy an instance: its services, Apache site and logs, database, role, system user and directory.",
    "Prints what it will destroy and asks for DESTROY (--yes does not ask). Its backups are kept."})
final class RemoveCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    private String name;

    @picocli.CommandLine.Option(names = "--backup", description = "Back the instance up first (the backup is kept).")
    private boolean backup;

    @Override
    protected int run(CliContext context) {
        InstanceName instance = InstanceName.of(name);
        if (backup) {
            context.engine().execute(new org.lavasoftware.deploy.engine.operations.backup.BackupOperation(instance, false));
        }
        context.engine().execute(new RemoveOperation(instance));
        if (!context.options().dryRun) {
            context.err().println("instance " + instance + " removed");
        }
        return 0;
    }
}
