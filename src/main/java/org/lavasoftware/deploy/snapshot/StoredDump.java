package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
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

    /** What restores a dump laid out for pg_restore: runs pg_restore on {@code dump}. */
    @FunctionalInterface
    public interface Restore {
        void from(Path dump);
    }

    /**
     * Runs {@code restore} on the dump as pg_restore reads it: the custom-format file itself, or the
     * directory laid out in {@code work} (which must not exist, and is gone afterwards) with its
     * tables fed through pipes, decompressed as pg_restore reads them ({@link DumpFeed}).
     * {@code whenFed} runs once pg_restore has read every table's rows (at once for a custom-format
     * file, whose rows are not fed): what it does afterwards is build indexes and constraints.
     */
    public void restoreWith(Path work, Progress progress, Restore restore, Runnable whenFed) {
        if (!isDirectory()) {
            whenFed.run();
            restore.from(listable());
            return;
        }
        DumpFeed feed;
        try {
            feed = DumpFeed.open(listable(), work, progress);
        } catch (IOException | UncheckedIOException e) {
            try {
                Trees.delete(work);
            } catch (IOException ignored) {
                // reported below; what is left is in the instance's tmp
            }
            throw ToolException.failed("cannot lay out the database dump of " + snapshot.name() + " in " + work + ": "
                    + e.getMessage(), e);
        }
        try (feed) {
            feed.start(whenFed);
            restore.from(feed.path());
            feed.finish();
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
