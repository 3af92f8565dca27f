package org.lavasoftware.deploy.cli;

import java.util.ArrayList;
import java.util.List;
import org.lavasoftware.deploy.engine.operations.Manage;
import org.lavasoftware.deploy.model.InstanceName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "manage", description = {
    "Run `lava-server manage ARGS` for an instance, as its user, with its settings, on this terminal",
    "(createsuperuser prompts; runserver serves). Its exit status is passed back.",
    "Options of this tool go before NAME: everything after NAME goes to LAVA."})
final class ManageCommand extends PrivilegedCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "The instance.")
    private String name;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "The management command and its arguments.")
    private List<String> args = new ArrayList<>();

    @Override
    protected int run(CliContext context) {
        return Manage.onTerminal(context.engine(), InstanceName.of(name), args);
    }
}
