package org.lavasoftware.deploy.cli;

import java.util.List;
import org.lavasoftware.deploy.model.InstanceName;
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
        List<String> removed = context.engine().prune(InstanceName.of(name), keep);
        if (removed.isEmpty()) {
            context.err().println("nothing to prune: " + name + " has no snapshot beyond the " + keep + " newest and its latest");
        }
        return 0;
    }
}
