package org.lavasoftware.deploy.cli;

import org.lavasoftware.deploy.engine.operations.restore.RestoreOperation;
import org.lavasoftware.deploy.engine.operations.restore.RestoreSettings;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.snapshot.Snapshot;
import org.lavasoftware.deploy.snapshot.SnapshotResolver;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore", description = {
    "Restore a snapshot into an instance: SNAPSHOT is an ID or latest (of the instance), OTHER/ID or",
    "OTHER/latest (of another instance: a clone), or the path of a snapshot directory (from another",
    "machine too; classic snapshots included). The snapshot is verified, restored beside the live data,",
    "then swapped in with the snapshot's device dictionaries, device types and health checks; the devices",
    "move to this instance's own worker (a clone gets its own). A failure leaves the instance as it was.",
    "Asks for RESTORE (--yes does not ask)."})
class RestoreCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "TARGET", description = "The instance restored into.")
    private String target;

    @Parameters(index = "1", paramLabel = "SNAPSHOT", description = "ID, latest, OTHER/ID, OTHER/latest or a path.")
    private String snapshot;

    @Option(names = "--stop", description = "Restore into a running instance: its scheduler stops for the swap; the web keeps serving.")
    private boolean stop;

    @Option(names = "--as-is", description = "Skip LAVA's post-restore steps (devices to maintenance, running jobs cancelled).")
    private boolean asIs;

    @Option(names = "--neutralize", description = "Also turn notifications off (for clones, so a copy does not write to users).")
    private boolean neutralize;

    protected boolean databaseOnly() {
        return false;
    }

    @Override
    protected int run(CliContext context) {
        InstanceName name = InstanceName.of(target);
        Snapshot resolved = SnapshotResolver.of(context.root(), name).resolve(snapshot);
        context.engine().execute(new RestoreOperation(new RestoreSettings(name, resolved.dir().toAbsolutePath(),
                snapshot, databaseOnly(), stop, asIs, neutralize)));
        if (!context.options().dryRun) {
            context.err().println(name + ": restored from " + resolved.name() + (databaseOnly() ? " (database only)" : "")
                    + (asIs ? "" : "; its devices are in maintenance, as LAVA's restore steps leave them: `lava-deployment-tool"
                    + " device health " + name + " DEVICE good` (or unknown, to run its health check) when they are ready"));
        }
        return 0;
    }

    @Command(name = "restore-db", description = {
        "Restore only the database of a snapshot into an instance (its media stay as they are).",
        "SNAPSHOT as for restore."})
    static final class DatabaseOnly extends RestoreCommand {
        @Override
        protected boolean databaseOnly() {
            return true;
        }
    }

}
