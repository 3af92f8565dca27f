package org.lavasoftware.deploy.cli;

import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** A command that changes the machine: it runs as root (see {@link RootCheck}), then does its work. */
abstract class PrivilegedCommand implements Callable<Integer> {
    @ParentCommand
    private LavaDeploymentTool tool;

    @Override
    public final Integer call() {
        return asRoot(tool.context(), this::run);
    }

    /** Runs {@code command} as root: here when the tool is root, else again through sudo (see {@link RootCheck}). */
    static int asRoot(CliContext context, java.util.function.ToIntFunction<CliContext> command) {
        if (!context.isShellLine()) {
            Optional<Integer> asRoot = RootCheck.requireRoot();
            if (asRoot.isPresent()) {
                return asRoot.get();
            }
        }
        return command.applyAsInt(context);
    }

    protected abstract int run(CliContext context);
}
