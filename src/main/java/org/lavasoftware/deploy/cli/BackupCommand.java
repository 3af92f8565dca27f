package org.lavasoftware.deploy.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.operations.backup.BackupOperation;
import org.lavasoftware.deploy.model.InstanceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "backup", description = {
    "Back up instances into ROOT/backups/NAME/ID (UTC time): the database (pg_dump), the settings and the",
    "media, only what changed since the previous snapshot being copied. Works while the instance runs.",
    "The snapshot and `latest` appear only once it is complete and checked."})
final class BackupCommand extends PrivilegedCommand {
    private static final int PARALLEL = 2;

    @Parameters(paramLabel = "NAME", arity = "0..*", description = "The instances.")
    private List<String> names = new ArrayList<>();

    @Option(names = "--all", description = "Every instance, two at a time.")
    private boolean all;

    @Option(names = "--full", description = "Copy all the media, not only what changed.")
    private boolean full;

    @Override
    protected int run(CliContext context) {
        List<InstanceName> targets = ServiceCommand.targets(context, names, all);
        if (targets.size() == 1) {
            context.engine().execute(new BackupOperation(targets.get(0), full));
            return 0;
        }
        return backupEach(context, targets);
    }

    /** Each instance on its own, a few at a time; one failing does not stop the others. */
    private int backupEach(CliContext context, List<InstanceName> targets) {
        ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
        List<Future<?>> jobs = new ArrayList<>();
        for (InstanceName name : targets) {
            jobs.add(pool.submit(() -> context.engine().execute(new BackupOperation(name, full))));
        }
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            try {
                jobs.get(i).get();
                context.err().println(targets.get(i) + ": backed up");
            } catch (java.util.concurrent.ExecutionException e) {
                failed.add(targets.get(i).value());
                context.err().println(targets.get(i) + ": FAILED: " + e.getCause().getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ToolException.failed("interrupted");
            }
        }
        pool.shutdown();
        if (!failed.isEmpty()) {
            throw ToolException.failed("the backup of " + String.join(", ", failed) + " failed; the others were made");
        }
        return 0;
    }
}
