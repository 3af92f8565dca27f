package org.lavasoftware.deploy.cli;

import org.lavasoftware.deploy.engine.Progress;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.snapshot.Snapshot;
import org.lavasoftware.deploy.snapshot.SnapshotResolver;
import org.lavasoftware.deploy.snapshot.SnapshotVerifier;
import org.lavasoftware.deploy.snapshot.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "verify", description = {
    "Check a snapshot: every file is re-read and its SHA-256 compared with the manifest's.",
    "Exit status 1 when anything is missing, changed or damaged."})
final class VerifyCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    private String name;

    @Parameters(index = "1", paramLabel = "SNAPSHOT", description = "ID, latest, OTHER/ID or a path.")
    private String snapshot;

    @Override
    protected int run(CliContext context) {
        Snapshot resolved = SnapshotResolver.of(context.root(), InstanceName.of(name)).resolve(snapshot);
        if (resolved.isClassic()) {
            context.err().println(resolved.name() + " is a classic snapshot: it has no manifest to verify against");
            return 1;
        }
        VerifyReport report;
        try (Progress progress = context.reporter().progress("verify", resolved.manifest().summary().bytes(), "B")) {
            report = new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(resolved.dir(), progress);
        }
        context.out().println(resolved.name() + ": " + (report.ok() ? "ok: " : "DAMAGED: ") + report.summary());
        return report.ok() ? 0 : 1;
    }
}
