package org.lavasoftware.deploy.cli;

import org.lavasoftware.deploy.engine.operations.upgrade.RollbackOperation;
import org.lavasoftware.deploy.model.InstanceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", description = {
    "Return an instance to its previous revision, or to REVNO if it still keeps it: the migrations that",
    "revision does not have are undone first (asking, as what was written in them since is lost)."})
final class RollbackCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    private String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REVNO", description = "A kept revision (default: the previous).")
    private String revno;

    @Override
    protected int run(CliContext context) {
        InstanceName instance = InstanceName.of(name);
        String target = revno != null ? revno : RollbackOperation.previous(context.engine().existing(instance));
        context.engine().execute(new RollbackOperation(instance, target));
        if (!context.options().dryRun) {
            context.err().println(instance + ": back on revision " + target);
        }
        return 0;
    }
}
