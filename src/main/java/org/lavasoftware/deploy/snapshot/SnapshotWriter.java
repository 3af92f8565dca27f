package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.InstanceLock;
import org.lavasoftware.deploy.engine.Progress;
import org.lavasoftware.deploy.io.AtomicFile;
import org.lavasoftware.deploy.io.FileSystemFlush;

/**
 * Writes one snapshot so that it either exists whole or not at all. Everything goes into
 * {@code .ID.partial} (mode 0700 from its creation), each file flushed to disk; {@link #commit()}
 * writes the manifest last, flushes the directory, renames it to {@code ID}, flushes the backups
 * directory, checks the result, and only then moves {@code latest}. A writer killed anywhere
 * leaves a {@code .partial} directory (never a snapshot; {@link Snapshots#cleanupPartials()}
 * removes it) or a finished snapshot. The backups directory stays locked from begin to end.
 *
 * <p>Use: {@code begin}, then {@link #create}, {@link #copy} or {@link #addTree} the files,
 * {@link #planMedia} and {@link #storeMedia} (or its halves, {@link #startMedia} then {@link #finishMedia}; the
 * media may be stored while other threads add files), then
 * {@link #commit}; {@link #close} without a commit throws it all away.
 */
public final class SnapshotWriter implements AutoCloseable {
    /** A moment of the write, named for the specs that kill a writer there. */
    @FunctionalInterface
    interface Checkpoint {
        void reached(String stage);

        Checkpoint NONE = stage -> { };
    }

    private enum State { OPEN, COMMITTED, CLOSED }

    /** Scratch directories start with this, which no snapshot file can. */
    private static final String SCRATCH = ".scratch-";

    private final Snapshots backups;
    private final SnapshotMetadata metadata;
    private final WriterOptions options;
    private final Checkpoint checkpoint;
    private final InstanceLock lock;
    private final SnapshotId id;
    private final Instant created;
    private final Path partial;
    /** Read when the media are planned (beside the walk of the media), or when first asked for. */
    private Optional<BaseSnapshot> base;
    private final List<ManifestEntry> entries = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private MediaPlan storedMedia;
    private MediaStore media;
    private boolean mediaStored;
    private int openFiles;
    private State state = State.OPEN;

    private SnapshotWriter(Snapshots backups, SnapshotMetadata metadata, WriterOptions options, Checkpoint checkpoint,
                           InstanceLock lock, SnapshotId id, Instant created, Path partial) {
        this.backups = backups;
        this.metadata = metadata;
        this.options = options;
        this.checkpoint = checkpoint;
        this.lock = lock;
        this.id = id;
        this.created = created;
        this.partial = partial;
    }

    /** Locks the backups directory and starts a snapshot under a new, unique id. */
    public static SnapshotWriter begin(Snapshots backups, SnapshotMetadata metadata, WriterOptions options) {
        return begin(backups, metadata, options, id -> { }, Checkpoint.NONE);
    }

    /**
     * As {@link #begin(Snapshots, SnapshotMetadata, WriterOptions)}, telling {@code named} the id
     * before anything is written under it: a backup journals it, so that a recovery throws away
     * this snapshot by its name ({@link Snapshots#discardUnfinished}).
     */
    public static SnapshotWriter begin(Snapshots backups, SnapshotMetadata metadata, WriterOptions options,
                                       Consumer<SnapshotId> named) {
        return begin(backups, metadata, options, named, Checkpoint.NONE);
    }

    static SnapshotWriter begin(Snapshots backups, SnapshotMetadata metadata, WriterOptions options,
                                Checkpoint checkpoint) {
        return begin(backups, metadata, options, id -> { }, checkpoint);
    }

    private static SnapshotWriter begin(Snapshots backups, SnapshotMetadata metadata, WriterOptions options,
                                        Consumer<SnapshotId> named, Checkpoint checkpoint) {
        // the manifest keeps milliseconds; the check compares the manifest read back with this
        Instant now = options.clock().instant().truncatedTo(ChronoUnit.MILLIS);
        InstanceLock lock = backups.lock("backup of " + metadata.instance(), options.lockWait());
        Path partial = null;
        try {
            SnapshotId id = SnapshotId.unique(now, backups.takenIds());
            named.accept(id);
            partial = backups.dir().resolve(SnapshotLayout.partialName(id));
            // created owner-only: the umask can only take bits away, so nobody else ever reads it
            Files.createDirectory(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            Snapshots.writing(partial, true);
            AtomicFile.syncDirectory(backups.dir());
            SnapshotWriter writer = new SnapshotWriter(backups, metadata, options, checkpoint, lock, id, now, partial);
            checkpoint.reached("begun");
            return writer;
        } catch (IOException | RuntimeException e) {
            if (partial != null) {
                Snapshots.writing(partial, false);
            }
            lock.close();
            if (e instanceof IOException io) {
                throw ToolException.failed("cannot start a snapshot in " + backups.dir() + ": " + IoErrors.describe(io), io);
            }
            throw (RuntimeException) e;
        }
    }

    public SnapshotId id() {
        return id;
    }

    /** The snapshot whose media unchanged files will be linked to, if any. */
    public Optional<SnapshotId> base() {
        return baseSnapshot().map(BaseSnapshot::id);
    }

    private synchronized Optional<BaseSnapshot> baseSnapshot() {
        if (base == null) {
            base = options.full() ? Optional.empty() : backups.newestReadable();
        }
        return base;
    }

    /**
     * A new file of the snapshot, such as the settings archive: hashed as it is written, flushed to
     * disk and recorded when closed.
     */
    public OutputStream create(String name) {
        return open(name, sum -> ManifestEntry.file(name, sum.size(), sum.sha256()));
    }

    private OutputStream open(String name, java.util.function.Function<Sha256.Sum, ManifestEntry> entry) {
        checkOpen();
        String problem = Names.problemWithRelative(name);
        synchronized (entries) {
            if (problem != null || name.equals(SnapshotLayout.MANIFEST) || name.equals(SnapshotLayout.MEDIA)
                    || name.startsWith(SnapshotLayout.MEDIA + "/") || name.startsWith(SCRATCH) || !names.add(name)) {
                throw new IllegalArgumentException("cannot add " + Names.shown(name) + " to a snapshot: "
                        + (problem != null ? problem : "the name is taken or reserved"));
            }
            openFiles++;
        }
        Path file = partial.resolve(name);
        try {
            Files.createDirectories(file.getParent());
            FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return new HashingOutputStream(channel, sum -> {
                synchronized (entries) {
                    openFiles--;
                    entries.add(entry.apply(sum));
                }
                checkpoint.reached("file " + name);
            });
        } catch (IOException e) {
            synchronized (entries) {
                openFiles--;
            }
            throw ToolException.failed("cannot write " + file + ": " + IoErrors.describe(e), e);
        }
    }

    /** Adds a copy of an existing file, such as the settings archive. */
    public void copy(String name, Path source, Progress progress) {
        byte[] buffer = new byte[Sha256.CHUNK];
        try (OutputStream out = create(name); InputStream in = Files.newInputStream(source)) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                progress.advance(n);
            }
        } catch (IOException e) {
            throw ToolException.failed("cannot copy " + source + " into the snapshot: " + IoErrors.describe(e), e);
        }
    }

    /**
     * A directory inside the snapshot being written, for a program that writes a flat tree of its
     * own (pg_dump's directory format), added under {@code name}/ with its files compressed but for
     * those {@code plain} accepts; not created here. It goes with the snapshot when that is thrown
     * away.
     */
    public ScratchTree scratch(String name, Predicate<String> plain) {
        checkOpen();
        String problem = Names.problemWithRelative(name);
        if (problem != null || name.contains("/")) {
            throw new IllegalArgumentException("cannot use " + Names.shown(name) + " as scratch directory: "
                    + (problem != null ? problem : "one name, no directories"));
        }
        return new ScratchTree(this, name, partial.resolve(SCRATCH + name), plain);
    }

    /** Adds what {@code in} holds as file {@code name}, compressed by {@code workers} of zstd's threads (0: this one). */
    void addCompressed(String name, InputStream in, int workers, Progress progress) throws IOException {
        long[] sourceSize = {0};
        try (OutputStream out = open(name, sum -> ManifestEntry.compressed(name, sum.size(), sum.sha256(), sourceSize[0]))) {
            sourceSize[0] = MediaCompression.compress(in, out, progress, workers);
        }
    }

    /** Decides what of {@code mediaDir} is copied and what is linked; nothing is written yet. */
    public MediaPlan planMedia(Path mediaDir) {
        checkOpen();
        return MediaPlanner.plan(mediaDir, () -> baseSnapshot().orElse(null), backups.notices());
    }

    /** Stores the media as planned into {@code media/}: {@link #startMedia} then {@link #finishMedia}. */
    public void storeMedia(MediaPlan plan, Progress progress) {
        startMedia(plan, progress);
        finishMedia();
    }

    /**
     * The first half of storing the media: the directories, and links to the base's copies of the
     * unchanged files, while the new and changed files start compressing ({@code progress} counts
     * their bytes). A backup starts its dump once this returns: the links are system calls that
     * the dump's writes would slow.
     */
    public void startMedia(MediaPlan plan, Progress progress) {
        checkOpen();
        if (media != null) {
            throw new IllegalStateException("the media of snapshot " + id + " are being stored already");
        }
        if (plan.baseSnapshot() != null && !plan.base().equals(base())) {
            throw new IllegalArgumentException("the media plan was made for another writer");
        }
        media = new MediaStore(plan, partial.resolve(SnapshotLayout.MEDIA), backups.notices(), checkpoint);
        try {
            media.start(progress);
        } catch (IOException | UncheckedIOException e) {
            throw ToolException.failed("cannot store the media in " + partial + ": " + IoErrors.describe(e), e);
        }
        storedMedia = plan;
    }

    /** The second half: waits for the copies; then the media's entries join the manifest. */
    public void finishMedia() {
        checkOpen();
        if (media == null) {
            throw new IllegalStateException("start storing the media of snapshot " + id + " first");
        }
        try {
            List<ManifestEntry> stored = media.finish();
            synchronized (entries) {
                entries.addAll(stored);
            }
        } catch (IOException | UncheckedIOException e) {
            throw ToolException.failed("cannot store the media in " + partial + ": " + IoErrors.describe(e), e);
        }
        mediaStored = true;
        checkpoint.reached("media stored");
    }

    /**
     * Flushes to disk what has been written so far, while the rest is still being written: the
     * flush of {@link #commit()} then has little left to wait for.
     */
    public void flushWritten() {
        checkOpen();
        FileSystemFlush.of(partial);
    }

    /** Finishes the snapshot (see the class comment) and returns its id; {@code latest} now points to it. */
    public SnapshotId commit() {
        checkOpen();
        synchronized (entries) {
            if (openFiles > 0) {
                throw new IllegalStateException("close the files of snapshot " + id + " before committing it");
            }
            if (media != null && !mediaStored) {
                throw new IllegalStateException("finish storing the media of snapshot " + id + " before committing it");
            }
        }
        Optional<SnapshotId> linkedTo = storedMedia == null ? Optional.empty() : storedMedia.base();
        Manifest manifest = new Manifest(metadata, created, linkedTo.isPresent() ? Manifest.Kind.INCREMENTAL
                : Manifest.Kind.FULL, linkedTo.orElse(null), entries);
        Path done = backups.pathOf(id);
        try {
            // the files were written without an fsync each: one flush of the file system makes
            // them all durable before the manifest says they are there
            FileSystemFlush.of(partial);
            manifest.write(partial.resolve(SnapshotLayout.MANIFEST));
            AtomicFile.syncDirectory(partial);
            checkpoint.reached("manifest written");
            Files.move(partial, done, StandardCopyOption.ATOMIC_MOVE);
            Snapshots.writing(partial, false);
            AtomicFile.syncDirectory(backups.dir());
            checkpoint.reached("renamed");
            check(done, manifest);
            LatestLink.point(backups.dir(), id);
            checkpoint.reached("latest moved");
        } catch (IOException | UncheckedIOException e) {
            throw ToolException.failed("cannot finish snapshot " + id + " in " + backups.dir() + ": "
                    + IoErrors.describe(e), e);
        }
        state = State.COMMITTED;
        lock.close();
        return id;
    }

    /**
     * Checks the finished snapshot against the manifest as read back from disk. A snapshot that
     * fails is renamed back to a partial one at once, so it is never taken for a snapshot nor made
     * latest, and {@link #close()} removes it.
     */
    private void check(Path done, Manifest written) throws IOException {
        Manifest read = Manifest.read(done.resolve(SnapshotLayout.MANIFEST));
        SnapshotVerifier verifier = new SnapshotVerifier(options.verifyFully() ? SnapshotVerifier.Depth.FULL
                : SnapshotVerifier.Depth.QUICK, true);
        VerifyReport report = read.equals(written) ? verifier.verify(done, read, Progress.NONE) : null;
        if (report != null && report.ok()) {
            return;
        }
        Files.move(done, partial, StandardCopyOption.ATOMIC_MOVE);
        AtomicFile.syncDirectory(backups.dir());
        throw ToolException.failed("snapshot " + id + " failed its check after writing ("
                + (report == null ? "its manifest reads back different" : report.summary())
                + "), so it was discarded and latest was not moved; check the disk of " + backups.dir());
    }

    /** Throws the snapshot away unless it was committed, and lets go of the backups directory. */
    @Override
    public void close() {
        if (state != State.OPEN) {
            return;
        }
        state = State.CLOSED;
        try {
            if (media != null) {
                media.close();
            }
            Trees.delete(partial);
            AtomicFile.syncDirectory(backups.dir());
        } catch (IOException e) {
            backups.notices().accept("could not remove " + partial + " (" + IoErrors.describe(e)
                    + "); the next backup removes it");
        } finally {
            Snapshots.writing(partial, false);
            lock.close();
        }
    }

    void checkOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("snapshot " + id + " is " + state.name().toLowerCase() + " already");
        }
    }
}
