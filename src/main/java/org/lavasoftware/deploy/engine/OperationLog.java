package org.lavasoftware.deploy.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;

/**
 * The log an operation writes for people to read afterwards: its steps, the commands it ran and
 * their output. Lives under the root's {@code var/log/lava-deployment-tool/}, so it survives an
 * install that was rolled back or an instance that was removed. Never receives secrets: commands
 * are logged by their argument lists, which hold none, and environments by their keys only.
 */
public final class OperationLog implements AutoCloseable {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private final Path file;
    private final Writer writer;
    private final Consumer<String> echo;

    private OperationLog(Path file, Writer writer, Consumer<String> echo) {
        this.file = file;
        this.writer = writer;
        this.echo = echo;
    }

    /** Opens (appending) the log at {@code file}; {@code echo} also receives each line (--debug). */
    public static OperationLog open(Path file, Consumer<String> echo) {
        try {
            Files.createDirectories(file.getParent());
            Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            return new OperationLog(file, writer, echo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the log " + file + ": " + e.getMessage(), e);
        }
    }

    /** A log that keeps nothing, for queries and tests. */
    public static OperationLog discard() {
        return new OperationLog(null, Writer.nullWriter(), line -> { });
    }

    public Path file() {
        return file;
    }

    /** Milliseconds since {@code nanoTime} (a {@link System#nanoTime()}), for the timings a log line gives. */
    public static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    public synchronized void line(String text) {
        String stamped = LocalDateTime.now().format(TIME) + " " + text;
        try {
            writer.write(stamped);
            writer.write('\n');
            writer.flush();
        } catch (IOException e) {
            // losing a log line must not fail the operation it describes
        }
        echo.accept(text);
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException ignored) {
            // nothing left to write
        }
    }
}
