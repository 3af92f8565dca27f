package org.lavasoftware.deploy.engine.operations.restore;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.lavasoftware.deploy.engine.OperationLog;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.postgres.PgDump;
import org.lavasoftware.deploy.engine.Concurrently;
import org.lavasoftware.deploy.engine.Progress;
import org.lavasoftware.deploy.io.FileSystemFlush;
import org.lavasoftware.deploy.snapshot.Ownership;
import org.lavasoftware.deploy.snapshot.Snapshot;
import org.lavasoftware.deploy.snapshot.StoredDump;

/**
 * A snapshot's data made beside the live data: its dump restored into the staging database and its
 * media into the staging directory. The media wait until pg_restore has read the dump's rows:
 * loading them keeps every core busy, while building the indexes and constraints afterwards leaves
 * cores idle, which the media then use.
 */
final class DataStaging {
    /** pg_restore's parallel jobs: tables loaded, then indexes built, two at a time. */
    static final int RESTORE_JOBS = 2;
    private static final int MEDIA_THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private final Snapshot snapshot;
    private final PgDump pgDump;
    private final String database;
    private final Path workDir;
    private final OperationLog log;

    DataStaging(Snapshot snapshot, PgDump pgDump, String database, Path workDir, OperationLog log) {
        this.snapshot = snapshot;
        this.pgDump = pgDump;
        this.database = database;
        this.workDir = workDir;
        this.log = log;
    }

    /** Where the dump's tables are laid out for pg_restore while it runs. */
    Path unpacked() {
        return workDir.resolve("restore-database");
    }

    /** The database alone, as {@code restore-db} does. */
    void database() {
        database(new CompletableFuture<>());
    }

    /**
     * The database, and the media into {@code stagedMedia} owned by {@code owner}; then one flush
     * of the file system for both. A sync while pg_restore writes would hold its WAL writes back;
     * made at the end, it also leaves the staged database's files on disk, which the checkpoint of
     * the swap's DROP DATABASE would otherwise have to write.
     */
    void databaseAndMedia(Path stagedMedia, Ownership owner, Progress progress) throws Exception {
        CompletableFuture<Void> rowsIn = new CompletableFuture<>();
        Concurrently.run(() -> database(rowsIn), () -> {
            try {
                rowsIn.get();
            } catch (ExecutionException e) {
                return;     // the database failed: that is the error, and there is no use for media
            }
            long start = System.nanoTime();
            MediaStaging.stage(snapshot, stagedMedia, owner, progress, MEDIA_THREADS);
            log.line("media staged in " + OperationLog.millisSince(start) + " ms");
        });
        long start = System.nanoTime();
        FileSystemFlush.of(stagedMedia);
        log.line("staged data flushed in " + OperationLog.millisSince(start) + " ms");
    }

    private void database(CompletableFuture<Void> rowsIn) {
        long start = System.nanoTime();
        try {
            Filesystem.deleteTree(unpacked());
            StoredDump.of(snapshot).restoreWith(unpacked(), Progress.NONE,
                    path -> pgDump.restore(path, database, workDir, RESTORE_JOBS), () -> {
                        log.line("database rows read by pg_restore after " + OperationLog.millisSince(start) + " ms");
                        rowsIn.complete(null);
                    });
        } catch (RuntimeException e) {
            rowsIn.completeExceptionally(e);
            throw e;
        }
        rowsIn.complete(null);
        log.line("database staged in " + OperationLog.millisSince(start) + " ms");
    }
}
