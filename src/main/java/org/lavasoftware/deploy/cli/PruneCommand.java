package org.lavasoftware.deploy.cli;

import java.time.Duration;
import java.util.List;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.snapshot.Pruner;
import org.lavasoftware.deploy.snapshot.SnapshotId;
import org.lavasoftware.deploy.snapshot.Snapshots;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "prune", description = {
    "Remove all but the N newest snapshots of an instance; the one `latest` points to always stays.",
    "Every remaining snapshot stays complete (their media are not shared by reference)."})
final class PruneCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    private String name;

    @Option(names = "--keep", paramLabel = "N", required = true, description = "How many snapshots to keep (at least 1).")
    private int keep;

    @Override
    protected int run(CliContext context) {
        if (keep < 1) {
            throw ToolException.badInput("--keep must be at least 1");
        }
        Snapshots snapshots = Snapshots.of(context.root(), InstanceName.of(name), context.err()::println);
        Pruner pruner = new Pruner(snapshots, Duration.ofSeconds(context.options().waitSeconds));
        if (context.options().dryRun) {
            pruner.wouldRemove(keep).forEach(id -> context.out().println("would remove " + name + "/" + id));
            return 0;
        }
        List<SnapshotId> removed = pruner.keepNewest(keep);
        removed.forEach(id -> context.err().println("removed " + name + "/" + id));
        if (removed.isEmpty()) {
            context.err().println("nothing to prune: " + name + " has at most " + keep + " snapshot" + (keep == 1 ? "" : "s"));
        }
        return 0;
    }
}
