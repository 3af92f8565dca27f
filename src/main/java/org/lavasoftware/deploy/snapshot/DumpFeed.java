package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.Progress;
import org.lavasoftware.deploy.io.NamedPipes;

/**
 * A snapshot's directory-format dump laid out for pg_restore without its tables ever being written
 * out decompressed: {@code toc.dat} is copied, and each table's file is a named pipe that a writer
 * thread fills, decompressing, as soon as pg_restore opens it. pg_restore starts at once, and the
 * gigabytes of table data never touch the disk twice.
 *
 * <p>Use: {@link #path()} for pg_restore; once it has exited successfully, {@link #finish()}
 * says whether every table was fed whole; {@link #close()} in any case.
 */
public final class DumpFeed implements AutoCloseable {
    private final Path dir;
    private final List<Writer> writers = new ArrayList<>();
    private final AtomicInteger feeding = new AtomicInteger();
    private boolean released;
    private volatile Runnable whenFed = () -> { };

    private DumpFeed(Path dir) {
        this.dir = dir;
    }

    /** Lays out {@code stored} (a snapshot's database/) in {@code work}, which must not exist. */
    static DumpFeed open(Path stored, Path work, Progress progress) throws IOException {
        Files.createDirectory(work, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        List<Path> tables = new ArrayList<>();
        List<Path> pipes = new ArrayList<>();
        try (var listing = Files.list(stored)) {
            for (Path file : listing.sorted().toList()) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    throw ToolException.failed(file + " is not a regular file; the snapshot's dump is damaged");
                }
                if (name.endsWith(MediaCompression.SUFFIX)) {
                    tables.add(file);
                    pipes.add(work.resolve(name.substring(0, name.length() - MediaCompression.SUFFIX.length())));
                } else {
                    Files.copy(file, work.resolve(name));
                }
            }
        }
        NamedPipes.create(pipes);
        DumpFeed feed = new DumpFeed(work);
        for (int i = 0; i < tables.size(); i++) {
            feed.writers.add(new Writer(tables.get(i), pipes.get(i), progress, feed::writerDone));
        }
        feed.feeding.set(tables.size());
        return feed;
    }

    private void writerDone() {
        if (feeding.decrementAndGet() == 0) {
            whenFed.run();
        }
    }

    /**
     * Starts feeding; {@code whenFed} runs (in a writer's thread) once pg_restore has read every
     * table's rows, or a writer gave up: what is left of a restore then is building indexes and
     * constraints, which leaves cores idle.
     */
    void start(Runnable whenFed) {
        this.whenFed = whenFed;
        if (writers.isEmpty()) {
            whenFed.run();
        }
        writers.forEach(Thread::start);
    }

    /** The directory pg_restore reads. */
    public Path path() {
        return dir;
    }

    /**
     * After pg_restore succeeded: throws unless it read every table's file to the end, so that a
     * table whose stored file turned out damaged half way is never taken for restored.
     */
    public void finish() {
        release();
        List<String> problems = new ArrayList<>();
        for (Writer writer : writers) {
            if (writer.failure != null) {
                problems.add(writer.stored.getFileName() + ": " + IoErrors.describe(writer.failure));
            } else if (writer.drained) {
                problems.add(writer.stored.getFileName() + ": pg_restore never read it");
            }
        }
        if (!problems.isEmpty()) {
            throw ToolException.failed("the database dump was not restored whole (" + String.join("; ", problems)
                    + "); the snapshot may be damaged: verify it");
        }
    }

    /**
     * Lets every writer end (a pipe pg_restore did not open is read here and thrown away, the only
     * way to wake a writer blocked opening it), waits for them, and removes the directory.
     */
    @Override
    public void close() {
        release();
        try {
            Trees.delete(dir);
        } catch (IOException e) {
            throw ToolException.failed("cannot remove " + dir + ": " + IoErrors.describe(e), e);
        }
    }

    private void release() {
        if (released) {
            return;
        }
        released = true;
        for (Writer writer : writers) {
            // a writer never started has no pipe to wake: reading it would wait for ever
            if (!writer.opened && writer.getState() != Thread.State.NEW) {
                drain(writer);
            }
        }
        for (Writer writer : writers) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ToolException.failed("interrupted while waiting for the dump's writers", e);
            }
        }
    }

    private static void drain(Writer writer) {
        writer.drained = true;
        ByteBuffer sink = ByteBuffer.allocate(64 * 1024);
        try (FileChannel in = FileChannel.open(writer.pipe, StandardOpenOption.READ)) {
            while (in.read(sink) >= 0) {
                sink.clear();
            }
        } catch (IOException e) {
            // the writer ends either way: its pipe had a reader, or it failed on its own
        }
    }

    /** Feeds one table's pipe: waits for a reader, then decompresses the stored file into it. */
    private static final class Writer extends Thread {
        private final Path stored;
        private final Path pipe;
        private final Progress progress;
        private volatile boolean opened;
        private volatile boolean drained;
        private volatile IOException failure;
        private final Runnable done;

        Writer(Path stored, Path pipe, Progress progress, Runnable done) {
            super("dump-feed " + pipe.getFileName());
            setDaemon(true);
            this.stored = stored;
            this.pipe = pipe;
            this.progress = progress;
            this.done = done;
        }

        @Override
        public void run() {
            try (FileChannel channel = FileChannel.open(pipe, StandardOpenOption.WRITE)) {
                opened = true;
                try (InputStream in = MediaCompression.decompressing(stored); OutputStream out = Channels.newOutputStream(channel)) {
                    MediaCompression.copy(in, out, progress);
                }
            } catch (IOException e) {
                failure = e;
            } finally {
                done.run();
            }
        }
    }
}
