package org.lavasoftware.deploy.cli;

import org.lavasoftware.deploy.ExitStatus;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.text.Spelling;
import picocli.CommandLine;

/** Builds the command tree and the mapping of failures to one-line messages and exit codes. */
public final class Commands {
    private Commands() {
    }

    /** The command line with every verb: for help, completion and the shell. */
    public static CommandLine commandLine(CliContext context) {
        CommandLine line = new CommandLine(new LavaDeploymentTool(context));
        CommandRegistry.addAll(line);
        return configure(line, context);
    }

    /** The command line with the verb {@code args} names (all of them when it names none). */
    public static CommandLine commandLine(CliContext context, String[] args) {
        CommandLine line = new CommandLine(new LavaDeploymentTool(context));
        CommandRegistry.addFor(line, args);
        return configure(line, context);
    }

    /** Streams and handlers apply to the subcommands present when they are set: set them last. */
    private static CommandLine configure(CommandLine line, CliContext context) {
        line.setOut(new java.io.PrintWriter(context.out(), true));
        line.setErr(new java.io.PrintWriter(context.err(), true));
        line.setExecutionExceptionHandler((e, cmd, parsed) -> report(e, context));
        line.setParameterExceptionHandler((e, args) -> {
            context.err().println("error: " + usageProblem(e) + "; see `"
                    + e.getCommandLine().getCommandSpec().qualifiedName() + " --help`");
            return ExitStatus.BAD_INPUT.code();
        });
        return line;
    }

    private static String usageProblem(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched
                && e.getCommandLine().getParent() == null && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().get(0).startsWith("-")) {
            String verb = unmatched.getUnmatched().get(0);
            java.util.List<String> close = Spelling.closest(verb, CommandRegistry.names().stream()
                    .filter(n -> !n.startsWith("__")).toList());
            return "unknown command '" + verb + "'" + (close.isEmpty() ? "" : " (did you mean " + String.join(" or ", close) + "?)");
        }
        return e.getMessage();
    }

    /** Turns any failure into one line on stderr (a stack trace only with --debug) and an exit code. */
    public static int report(Throwable e, CliContext context) {
        if (context.options().debug) {
            e.printStackTrace(context.err());
        }
        if (e instanceof ToolException tool) {
            context.err().println("error: " + tool.getMessage());
            return tool.status().code();
        }
        if (e instanceof java.io.UncheckedIOException io) {
            context.err().println("error: " + io.getMessage());
            return ExitStatus.OPERATION_FAILED.code();
        }
        context.err().println("internal error: " + e + (context.options().debug ? ""
                : "; run again with --debug for the details, and report it"));
        return ExitStatus.INTERNAL_ERROR.code();
    }
}
