package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.InstanceLock;
import org.lavasoftware.deploy.io.AtomicFile;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.model.LavaRoot;

/**
 * The backups directory of one instance ({@code ROOT/backups/NAME}; see {@link SnapshotLayout}):
 * its snapshots, where {@code latest} points, its lock, and the leftovers of writers that died.
 */
public final class Snapshots {
    /** Partial snapshots this process is writing right now: never leftovers, whatever the lock says. */
    private static final Set<Path> WRITING = new HashSet<>();

    private final Path dir;
    private final Consumer<String> notices;

    public Snapshots(Path dir, Consumer<String> notices) {
        this.dir = dir.toAbsolutePath().normalize();
        this.notices = notices;
    }

    public Snapshots(Path dir) {
        this(dir, notice -> { });
    }

    public static Snapshots of(LavaRoot root, InstanceName name, Consumer<String> notices) {
        return new Snapshots(root.backupsDir(name), notices);
    }

    public Path dir() {
        return dir;
    }

    public Path pathOf(SnapshotId id) {
        return dir.resolve(id.toString());
    }

    Consumer<String> notices() {
        return notices;
    }

    /** The ids of the snapshot directories here, oldest first; links and other names are not ids. */
    public List<SnapshotId> ids() {
        List<SnapshotId> ids = new ArrayList<>();
        for (Path entry : entries()) {
            if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                SnapshotId.tryParse(entry.getFileName().toString()).ifPresent(ids::add);
            }
        }
        Collections.sort(ids);
        return ids;
    }

    /** The snapshot {@code latest} points to, if that snapshot exists. */
    public Optional<SnapshotId> latest() {
        return LatestLink.target(dir).filter(id -> Files.isDirectory(pathOf(id), LinkOption.NOFOLLOW_LINKS));
    }

    /** Every snapshot, oldest first, with the cheap check: its manifest's head is readable. */
    public List<SnapshotInfo> list() {
        Optional<SnapshotId> latest = latest();
        List<SnapshotInfo> infos = new ArrayList<>();
        for (SnapshotId id : ids()) {
            infos.add(describe(id, latest.map(id::equals).orElse(false)));
        }
        return infos;
    }

    private SnapshotInfo describe(SnapshotId id, boolean isLatest) {
        Path snapshot = pathOf(id);
        Optional<Snapshot.Format> format = SnapshotLayout.formatOf(snapshot);
        if (format.isEmpty()) {
            return new SnapshotInfo(id, snapshot, null, null, 0, isLatest,
                    "no manifest, nor the files of a classic snapshot");
        }
        if (format.get() == Snapshot.Format.CLASSIC) {
            long bytes = 0;
            for (String name : new String[] {SnapshotLayout.DATABASE, SnapshotLayout.CLASSIC_MEDIA, SnapshotLayout.ETC}) {
                bytes += sizeOf(snapshot.resolve(name));
            }
            return new SnapshotInfo(id, snapshot, Snapshot.Format.CLASSIC, null, bytes, isLatest, null);
        }
        try {
            ManifestSummary summary = Manifest.readSummary(snapshot.resolve(SnapshotLayout.MANIFEST));
            return new SnapshotInfo(id, snapshot, Snapshot.Format.MANIFEST, summary, summary.bytes(), isLatest, null);
        } catch (ToolException e) {
            return new SnapshotInfo(id, snapshot, Snapshot.Format.MANIFEST, null, 0, isLatest, e.getMessage());
        }
    }

    /**
     * The snapshot a new backup builds its media on: the newest whose manifest reads in full. A
     * damaged one is passed over, saying so; the new backup then copies what it cannot link.
     */
    Optional<BaseSnapshot> newestReadable() {
        List<SnapshotId> ids = ids();
        for (int i = ids.size() - 1; i >= 0; i--) {
            Path snapshot = pathOf(ids.get(i));
            if (SnapshotLayout.formatOf(snapshot).orElse(null) != Snapshot.Format.MANIFEST) {
                continue;
            }
            try {
                Manifest manifest = Manifest.read(snapshot.resolve(SnapshotLayout.MANIFEST));
                return Optional.of(new BaseSnapshot(ids.get(i), snapshot, manifest.byPath()));
            } catch (ToolException e) {
                notices.accept("not building on snapshot " + ids.get(i) + ": " + e.getMessage());
            }
        }
        return Optional.empty();
    }

    /**
     * Takes the lock of this backups directory, creating the directory (mode 0700) if need be.
     * Writers hold it from start to finish; pruning and clean-up hold it too.
     */
    public InstanceLock lock(String purpose, Duration wait) {
        try {
            Files.createDirectories(dir.getParent());
            if (!Files.isDirectory(dir)) {
                Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        return InstanceLock.acquire(dir.resolve(SnapshotLayout.LOCK), "backups directory " + dir, purpose, wait, notices);
    }

    /**
     * Removes what writers and pruners that died left behind ({@code .ID.partial},
     * {@code .ID.pruning}), and returns their names. A live writer holds the lock, so this waits
     * for nobody: it fails at once if another process holds it, and leaves alone what this
     * process is writing.
     */
    public List<String> cleanupPartials() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> removed = new ArrayList<>();
        try (InstanceLock held = lock("clean-up of unfinished snapshots", Duration.ZERO)) {
            for (Path entry : entries()) {
                String name = entry.getFileName().toString();
                boolean leftover = SnapshotLayout.leftoverId(name).isPresent() || name.equals(SnapshotLayout.LATEST_NEW);
                if (!leftover || isWriting(entry)) {
                    continue;
                }
                Trees.delete(entry);
                removed.add(name);
            }
            AtomicFile.syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + dir + ": " + e.getMessage(), e);
        }
        Collections.sort(removed);
        return removed;
    }

    /**
     * Throws away snapshot {@code id} as a writer left it when it did not finish (a backup that
     * failed, or was killed and is being undone): its {@code .ID.partial} directory, and {@code ID}
     * itself when it was renamed so but {@code latest} was not moved to it, which means it was not
     * checked. The one {@code latest} points to is complete and checked, and stays. It is renamed
     * back to a partial one before it is deleted, so a removal cut short leaves no snapshot with
     * files missing; run again, this finishes it. Like {@link #cleanupPartials()}, it fails at
     * once if another process holds the backups directory.
     */
    public void discardUnfinished(SnapshotId id) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        Path partial = dir.resolve(SnapshotLayout.partialName(id));
        Path finished = pathOf(id);
        try (InstanceLock held = lock("removal of unfinished snapshot " + id, Duration.ZERO)) {
            if (isWriting(partial)) {
                throw new IllegalStateException("snapshot " + id + " is being written: close its writer first");
            }
            Trees.delete(partial);
            if (Files.isDirectory(finished, LinkOption.NOFOLLOW_LINKS) && !latest().map(id::equals).orElse(false)) {
                Files.move(finished, partial, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                AtomicFile.syncDirectory(dir);
                Trees.delete(partial);
            }
            AtomicFile.syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the unfinished snapshot " + id + " from " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Every id in use here, finished or not, so that a new one is different from all. */
    Set<SnapshotId> takenIds() {
        Set<SnapshotId> taken = new HashSet<>(ids());
        for (Path entry : entries()) {
            SnapshotLayout.leftoverId(entry.getFileName().toString()).ifPresent(taken::add);
        }
        return taken;
    }

    static void writing(Path partial, boolean live) {
        synchronized (WRITING) {
            if (live) {
                WRITING.add(partial);
            } else {
                WRITING.remove(partial);
            }
        }
    }

    private static boolean isWriting(Path partial) {
        synchronized (WRITING) {
            return WRITING.contains(partial);
        }
    }

    private List<Path> entries() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(entries::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return entries;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }
}
