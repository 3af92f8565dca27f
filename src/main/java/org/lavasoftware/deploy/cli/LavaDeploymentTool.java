package org.lavasoftware.deploy.cli;

import java.util.concurrent.Callable;
import org.lavasoftware.deploy.ExitStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

@Command(name = "lava-deployment-tool", scope = ScopeType.INHERIT, mixinStandardHelpOptions = true,
        versionProvider = VersionCommand.Provider.class, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Sets up LAVA server instances on this machine and keeps them alive.",
            "Without a command, on a terminal, opens the interactive shell."},
        footer = {"", "Exit status: 0 ok, 1 operation failed, 2 bad input, 3 unexpected state "
                + "(e.g. an interrupted operation: see recover), 4 internal error."})
public final class LavaDeploymentTool implements Callable<Integer> {
    private final CliContext context;

    @Mixin
    private final GlobalOptions options;

    @Spec
    private CommandSpec spec;

    public LavaDeploymentTool(CliContext context) {
        this.context = context;
        this.options = context.options();
    }

    public CliContext context() {
        return context;
    }

    @Override
    public Integer call() {
        if (context.interactive()) {
            java.util.Optional<Integer> asRoot = RootCheck.requireRoot();
            return asRoot.isPresent() ? asRoot.get() : new ShellCommand().runShell(context);
        }
        spec.commandLine().usage(context.err());
        return ExitStatus.BAD_INPUT.code();
    }
}
