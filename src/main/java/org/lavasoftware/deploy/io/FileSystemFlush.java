package org.lavasoftware.deploy.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

/**
 * Makes everything written to a file system durable in one call ({@code syncfs(2)}, through
 * coreutils' {@code sync --file-system}). A tree of thousands of files, such as a snapshot's media,
 * written without an fsync each and flushed once here costs one journal commit instead of one per
 * file, which is most of the time such a copy would otherwise take.
 */
public final class FileSystemFlush {
    private static final Duration TIMEOUT = Duration.ofHours(1);

    private FileSystemFlush() {
    }

    /** Flushes the file system holding {@code path}; returns when all of it is on disk. */
    public static void of(Path path) {
        CommandLine sync = new CommandLine("sync").addArgument("--file-system").addArgument(path.toString(), false);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        DefaultExecutor executor = DefaultExecutor.builder().setExecuteStreamHandler(new PumpStreamHandler(output)).get();
        executor.setWatchdog(ExecuteWatchdog.builder().setTimeout(TIMEOUT).get());
        try {
            executor.execute(sync);
        } catch (ExecuteException e) {
            throw new UncheckedIOException(new IOException("cannot flush the file system of " + path + " to disk: "
                    + output.toString(StandardCharsets.UTF_8).strip(), e));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run sync --file-system " + path + ": " + e.getMessage(), e);
        }
    }
}
