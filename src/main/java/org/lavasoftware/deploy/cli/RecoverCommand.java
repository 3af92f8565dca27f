package org.lavasoftware.deploy.cli;

import org.lavasoftware.deploy.model.InstanceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "recover", description = {
    "Bring an instance back to a consistent state after an operation on it was interrupted",
    "(killed, power loss): undo what was done, or finish it when it was past its point of no return."})
final class RecoverCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    private String name;

    @Override
    protected int run(CliContext context) {
        context.engine().recover(InstanceName.of(name));
        return 0;
    }
}
