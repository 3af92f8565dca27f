package org.lavasoftware.deploy.cli;

import java.util.concurrent.Callable;
import org.lavasoftware.deploy.shell.LavaShell;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "shell", description = {
    "Open the interactive shell: classic commands (`backup prod`) and DSL lines",
    "(`instance('prod').backup()`), with completion (Tab), history (Up, Ctrl-R) and multi-line input.",
    "Ctrl-C drops the current line, Ctrl-D (or exit) leaves."})
final class ShellCommand implements Callable<Integer> {
    @ParentCommand
    private LavaDeploymentTool tool;

    @Override
    public Integer call() {
        return runShell(tool.context());
    }

    int runShell(CliContext context) {
        if (context.isShellLine()) {
            context.err().println("already in the shell");
            return 0;
        }
        return new LavaShell(context).run();
    }
}
