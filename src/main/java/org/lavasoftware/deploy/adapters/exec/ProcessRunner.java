package org.lavasoftware.deploy.adapters.exec;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.OperationLog;

/**
 * Runs commands through commons-exec with argument lists, a timeout, and their output captured
 * into the operation's log (and returned for the callers that read it).
 */
public final class ProcessRunner {
    private final Privilege privilege;
    private final OperationLog log;

    public ProcessRunner(Privilege privilege, OperationLog log) {
        this.privilege = privilege;
        this.log = log;
    }

    public Privilege privilege() {
        return privilege;
    }

    public OperationLog log() {
        return log;
    }

    /** Runs the command; a non-zero exit is an operation failure naming the program and its reason. */
    public ExecResult run(Command command) {
        ExecResult result = runAllowingFailure(command);
        if (!result.succeeded()) {
            throw ToolException.failed(command.program() + " failed (exit " + result.exitCode() + "): "
                    + result.lastErrorLine() + logHint());
        }
        return result;
    }

    /** Runs the command and returns how it ended, whatever its exit code. */
    public ExecResult runAllowingFailure(Command command) {
        return execute(command, null);
    }

    /**
     * Runs the command with its standard output going to {@code stdout} as it comes (a dump into
     * a snapshot: never held in memory); a non-zero exit is an operation failure.
     */
    public ExecResult runStreaming(Command command, java.io.OutputStream stdout) {
        ExecResult result = execute(command, stdout);
        if (!result.succeeded()) {
            throw ToolException.failed(command.program() + " failed (exit " + result.exitCode() + "): "
                    + result.lastErrorLine() + logHint());
        }
        return result;
    }

    private ExecResult execute(Command command, java.io.OutputStream streamedStdout) {
        List<String> argv = privilege.wrap(command);
        CommandLine line = new CommandLine(argv.get(0));
        for (String arg : argv.subList(1, argv.size())) {
            line.addArgument(arg, false);
        }
        log.line("$ " + command.display());
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(command.timeout()).get();
        PumpStreamHandler streams = new PumpStreamHandler(streamedStdout != null ? streamedStdout
                : new LoggingStream(stdout, log, "  | "),
                new LoggingStream(stderr, log, "  ! "),
                command.input() == null ? null : new ByteArrayInputStream(command.input()));
        DefaultExecutor executor = DefaultExecutor.builder()
                .setExecuteStreamHandler(streams)
                .setWorkingDirectory(command.workDir() == null ? null : command.workDir().toFile())
                .get();
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        int exit;
        try {
            exit = executor.execute(line, environment(command));
        } catch (ExecuteException e) {
            exit = e.getExitValue();
        } catch (IOException e) {
            log.line("  cannot start " + argv.get(0) + ": " + e.getMessage());
            throw ToolException.failed("cannot run " + command.program() + ": " + e.getMessage()
                    + "; is it installed? (run setup)", e);
        }
        if (watchdog.killedProcess()) {
            log.line("  killed after " + command.timeout().toSeconds() + " s");
            throw ToolException.failed(command.program() + " did not finish within "
                    + command.timeout().toSeconds() + " s and was stopped" + logHint());
        }
        log.line("  exit " + exit);
        return new ExecResult(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs the command on the user's own terminal and returns its exit code. The one place that
     * does not go through commons-exec: its stream pumps would take the terminal away from
     * programs that prompt (createsuperuser, a shell, runserver).
     */
    public int interactive(Command command) {
        List<String> argv = privilege.wrap(command);
        log.line("$ " + command.display() + "   (on the terminal)");
        ProcessBuilder builder = new ProcessBuilder(argv).inheritIO();
        builder.environment().putAll(command.env());
        if (command.workDir() != null) {
            builder.directory(command.workDir().toFile());
        }
        try {
            int exit = builder.start().waitFor();
            log.line("  exit " + exit);
            return exit;
        } catch (IOException e) {
            throw ToolException.failed("cannot run " + command.program() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolException.failed(command.program() + " was interrupted");
        }
    }

    /**
     * Starts the command in a session of its own and returns at once; it goes on after the tool
     * has exited, with its output appended to the operation's log. Not through commons-exec: its
     * stream pumps wait for the end of the child's output, which is the end of the child, the
     * very wait this is for avoiding. The command must be one that can be run again, or not at all,
     * without harm: nothing waits for it, nothing reports its failure but the log.
     */
    public void detached(Command command) {
        List<String> argv = new ArrayList<>(List.of("setsid"));
        argv.addAll(privilege.wrap(command));
        log.line("$ " + command.display() + "   (in the background)");
        ProcessBuilder builder = new ProcessBuilder(argv)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        ProcessBuilder.Redirect output = log.file() == null ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.appendTo(log.file().toFile());
        builder.redirectOutput(output).redirectError(output);
        builder.environment().putAll(command.env());
        if (command.workDir() != null) {
            builder.directory(command.workDir().toFile());
        }
        try {
            builder.start();
        } catch (IOException e) {
            throw ToolException.failed("cannot run " + command.program() + " in the background: " + e.getMessage(), e);
        }
    }

    private String logHint() {
        return log.file() == null ? "" : "; see " + log.file();
    }

    private static Map<String, String> environment(Command command) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(command.env());
        return env;
    }

    /** Keeps what a process prints and copies each whole line into the log as it comes. */
    private static final class LoggingStream extends OutputStream {
        private final ByteArrayOutputStream kept;
        private final OperationLog log;
        private final String prefix;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LoggingStream(ByteArrayOutputStream kept, OperationLog log, String prefix) {
            this.kept = kept;
            this.log = log;
            this.prefix = prefix;
        }

        @Override
        public void write(int b) {
            kept.write(b);
            if (b == '\n') {
                flushLine();
            } else {
                line.write(b);
            }
        }

        @Override
        public void close() {
            if (line.size() > 0) {
                flushLine();
            }
        }

        private void flushLine() {
            log.line(prefix + line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
    }
}
