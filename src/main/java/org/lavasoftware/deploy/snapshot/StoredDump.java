package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.Progress;

/**
 * A snapshot's database dump as pg_restore reads it. This tool's snapshots hold pg_dump's
 * directory format as {@code database/}: {@code toc.dat} as it is, each table's file compressed
 * ({@code NNNN.dat.zst}). Classic snapshots, and this tool's before it stored the database that
 * way, hold one custom-format {@code database.dump}.
 */
public final class StoredDump {
    public static final String DIRECTORY = "database";
    public static final String TABLE_OF_CONTENTS = "toc.dat";
    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final Snapshot snapshot;

    private StoredDump(Snapshot snapshot) {
        this.snapshot = snapshot;
    }

    public static StoredDump of(Snapshot snapshot) {
        StoredDump dump = new StoredDump(snapshot);
        if (!Files.isRegularFile(dump.listable(), LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(dump.listable().resolve(TABLE_OF_CONTENTS), LinkOption.NOFOLLOW_LINKS)) {
            throw ToolException.badInput("snapshot " + snapshot.name() + " holds no database dump (neither "
                    + SnapshotLayout.DATABASE + " nor " + DIRECTORY + "/" + TABLE_OF_CONTENTS + "); it is damaged");
        }
        return dump;
    }

    /** Whether the dump is a directory whose tables must be decompressed before pg_restore reads them. */
    public boolean isDirectory() {
        return !Files.isRegularFile(snapshot.file(SnapshotLayout.DATABASE), LinkOption.NOFOLLOW_LINKS);
    }

    /** What {@code pg_restore --list} reads as it is: the custom-format file, or the directory (its toc.dat). */
    public Path listable() {
        Path file = snapshot.file(SnapshotLayout.DATABASE);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : snapshot.file(DIRECTORY);
    }

    /** The bytes pg_restore reads: what {@link #unpack} writes, or the custom-format file's size. */
    public long bytes() {
        try {
            if (!isDirectory()) {
                return Files.size(listable());
            }
            if (!snapshot.isClassic()) {
                return snapshot.manifest().sourceBytesUnder(DIRECTORY);
            }
            try (var files = Files.list(listable())) {
                return files.mapToLong(StoredDump::size).sum();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + listable() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The dump ready for pg_restore: the custom-format file itself, or the directory unpacked into
     * {@code work} (which must not exist; the caller removes it), its tables decompressed several
     * at a time.
     */
    public Path unpack(Path work, Progress progress) {
        if (!isDirectory()) {
            return listable();
        }
        try {
            Files.createDirectory(work, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            List<Path> files;
            try (var listing = Files.list(listable())) {
                files = listing.sorted().toList();
            }
            ExecutorService pool = Executors.newFixedThreadPool(WORKERS);
            try {
                List<Future<?>> done = new ArrayList<>();
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                        throw ToolException.failed(file + " is not a regular file; the snapshot's dump is damaged");
                    }
                    done.add(pool.submit(() -> {
                        if (name.endsWith(MediaCompression.SUFFIX)) {
                            MediaCompression.decompress(file, work.resolve(name.substring(0,
                                    name.length() - MediaCompression.SUFFIX.length())), progress);
                        } else {
                            Files.copy(file, work.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
                            progress.advance(Files.size(file));
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }
            return work;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw ToolException.failed("cannot unpack the database dump of " + snapshot.name() + " into " + work + ": "
                    + (cause instanceof IOException io ? IoErrors.describe(io) : cause.toString()), cause);
        } catch (IOException e) {
            throw ToolException.failed("cannot unpack the database dump of " + snapshot.name() + " into " + work + ": "
                    + IoErrors.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolException.failed("interrupted while unpacking the database dump of " + snapshot.name(), e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
