package org.lavasoftware.deploy.cli;

import org.lavasoftware.deploy.shell.LavaShell;
import picocli.CommandLine.Command;

@Command(name = "shell", description = {
    "Open the interactive shell: classic commands (`backup prod`) and DSL lines",
    "(`instance('prod').backup()`), with completion (Tab), history (Up, Ctrl-R) and multi-line input.",
    "Ctrl-C drops the current line, Ctrl-D (or exit) leaves."})
final class ShellCommand extends PrivilegedCommand {
    @Override
    protected int run(CliContext context) {
        return runShell(context);
    }

    int runShell(CliContext context) {
        if (context.isShellLine()) {
            context.err().println("already in the shell");
            return 0;
        }
        return new LavaShell(context).run();
    }
}
