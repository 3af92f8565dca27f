package org.lavasoftware.deploy.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * A coreutils command for what Java has no call for (syncfs, mkfifo), run with an argument list;
 * below the engine, so not logged: what it does is the caller's to say.
 */
final class SystemCommand {
    private SystemCommand() {
    }

    /** Runs {@code argv}; its failure is an {@link UncheckedIOException} saying {@code what} failed and why. */
    static void run(String what, Duration timeout, List<String> argv) {
        CommandLine line = new CommandLine(argv.get(0));
        for (String arg : argv.subList(1, argv.size())) {
            line.addArgument(arg, false);
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        DefaultExecutor executor = DefaultExecutor.builder().setExecuteStreamHandler(new PumpStreamHandler(output)).get();
        executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(timeout).get());
        try {
            executor.execute(line);
        } catch (ExecuteException e) {
            throw new UncheckedIOException(new IOException(what + ": " + output.toString(StandardCharsets.UTF_8).strip(), e));
        } catch (IOException e) {
            throw new UncheckedIOException(what + ": cannot run " + argv.get(0) + ": " + e.getMessage(), e);
        }
    }
}
