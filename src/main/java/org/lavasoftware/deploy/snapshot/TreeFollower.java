package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.lavasoftware.deploy.io.OpenFiles;

/**
 * Stores the files another process (pg_dump) writes into a directory while it writes them, rather
 * than after: each file found there is read as it grows ({@link GrowingFile}) and is at its end
 * once no process of this tool holds it open any more, or once the writing is over. On a dump
 * whose biggest table keeps one core busy, the compression of the others, and of that table as it
 * comes, runs on the other cores instead of after the dump.
 *
 * <p>Use: {@code start}, run the writer, {@link #finish()} (which also checks that no file grew
 * after it was stored, and removes the files it stored); {@link #close()} without a finish stops
 * everything.
 */
final class TreeFollower implements AutoCloseable {
    /** What becomes of one file: read {@code in} to its end into the snapshot. */
    interface Storing {
        void store(String fileName, InputStream in) throws IOException;
    }

    /** How often the directory and the processes' open files are looked at. */
    private static final long SCAN_MILLIS = 50;

    private static final class Followed {
        volatile boolean closed;
        volatile long bytes = -1;
    }

    private final Path dir;
    private final Predicate<String> leftAlone;
    private final Storing storing;
    private final ParallelWork<Void> readers;
    private final Map<String, Followed> followed = new ConcurrentHashMap<>();
    private final ExecutorService scanner = Executors.newSingleThreadExecutor();
    private Future<?> scanning;
    private volatile boolean writingOver;
    private volatile boolean abandoned;
    private boolean finished;

    /**
     * Follows {@code dir} (which the writer may create), except the files {@code leftAlone}
     * accepts; {@code threads} read at once: as many as the writer writes files at a time, and
     * the cores to compress what has been closed.
     */
    TreeFollower(Path dir, Predicate<String> leftAlone, int threads, Storing storing) {
        this.dir = realPath(dir);
        this.leftAlone = leftAlone;
        this.storing = storing;
        this.readers = new ParallelWork<>(threads);
    }

    private static Path realPath(Path dir) {
        try {
            // /proc names the files by their real path
            return dir.getParent().toRealPath().resolve(dir.getFileName());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start() {
        scanning = scanner.submit(() -> {
            while (!writingOver && !abandoned) {
                look();
                Thread.sleep(SCAN_MILLIS);
            }
            return null;
        });
    }

    /**
     * Starts reading the files that appeared, then marks closed those no process holds open. The
     * order matters: a file listed before the open files are read was opened before, so one not
     * among them was closed since.
     */
    private void look() throws IOException {
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            for (Path file : listing) {
                String name = file.getFileName().toString();
                if (!followed.containsKey(name) && !leftAlone.test(name)
                        && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    follow(name, file);
                }
            }
        } catch (NoSuchFileException e) {
            return;     // not made yet
        }
        Optional<Set<Path>> open = OpenFiles.in(dir);
        if (open.isPresent()) {
            followed.forEach((name, f) -> {
                if (!open.get().contains(dir.resolve(name))) {
                    f.closed = true;
                }
            });
        }
    }

    private void follow(String name, Path file) {
        Followed f = new Followed();
        followed.put(name, f);
        readers.submit(() -> {
            try (GrowingFile in = new GrowingFile(file, () -> f.closed || writingOver, () -> abandoned)) {
                storing.store(name, in);
                f.bytes = in.bytesRead();
            }
            return null;
        });
    }

    /**
     * The writing is over: every file is whole. Reads what remains, checks that each file has the
     * size that was read of it, and removes the files stored.
     */
    void finish() throws IOException {
        writingOver = true;
        awaitScanner();
        look();
        readers.results();
        for (Map.Entry<String, Followed> e : followed.entrySet()) {
            long size = Files.size(dir.resolve(e.getKey()));
            if (size != e.getValue().bytes) {
                throw new IllegalStateException(dir.resolve(e.getKey()) + " has " + size + " bytes but "
                        + e.getValue().bytes + " were stored: it was written to after it was closed");
            }
        }
        for (String name : followed.keySet()) {
            Files.delete(dir.resolve(name));
        }
        finished = true;
    }

    private void awaitScanner() throws IOException {
        scanner.shutdown();
        try {
            scanning.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("following " + dir + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted");
        }
    }

    @Override
    public void close() {
        if (!finished) {
            abandoned = true;
        }
        scanner.shutdownNow();
        try {
            scanner.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        readers.close();
    }
}
