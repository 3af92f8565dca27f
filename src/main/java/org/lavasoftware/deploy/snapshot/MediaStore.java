package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lavasoftware.deploy.engine.Progress;

/**
 * Carries out a {@link MediaPlan} into a snapshot's {@code media/}: directories made, files
 * copied or hard-linked, links re-made. A hard link is the same inode as the base's copy, so the
 * file costs no space and removing either snapshot leaves the other's name for it intact.
 */
final class MediaStore {
    private final Consumer<String> notices;
    private final SnapshotWriter.Checkpoint checkpoint;

    MediaStore(Consumer<String> notices, SnapshotWriter.Checkpoint checkpoint) {
        this.notices = notices;
        this.checkpoint = checkpoint;
    }

    /** Files are compressed this many at a time: the dump runs beside them on the other cores. */
    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());

    /**
     * Stores the media under {@code target} (which must not exist) and returns its manifest
     * entries. The directories come first; then the files to copy are compressed by the pool
     * while this thread makes the links, so that an incremental backup's thousands of links cost
     * no time of their own.
     */
    List<ManifestEntry> store(MediaPlan plan, Path target, Progress progress) throws IOException {
        List<MediaPlan.Item> directories = new ArrayList<>();
        List<MediaPlan.Item> copies = new ArrayList<>();
        List<MediaPlan.Item> links = new ArrayList<>();
        for (MediaPlan.Item item : plan.items()) {
            switch (item.action()) {
                case DIRECTORY -> {
                    // owner-only while it fills; its own mode comes once its entries are in
                    Files.createDirectory(target.resolve(plan.source().relativize(item.source())),
                            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    directories.add(item);
                }
                case COPY -> copies.add(item);
                case LINK, SYMLINK -> links.add(item);
            }
        }
        List<ManifestEntry> entries = new ArrayList<>();
        try (ParallelWork<ManifestEntry> copied = new ParallelWork<>(WORKERS)) {
            submitCopies(copied, plan, copies, target, progress);
            entries.addAll(linkAll(plan, links, target, progress));
            entries.addAll(copied.results());
        }
        // deepest first: making an entry changes a directory's mtime, and a read-only mode
        // would stop the entries being made
        for (int i = directories.size() - 1; i >= 0; i--) {
            MediaPlan.Item dir = directories.get(i);
            Path to = target.resolve(plan.source().relativize(dir.source()));
            UnixAttributes.setOwner(to, dir.attributes().uid(), dir.attributes().gid());
            UnixAttributes.setMode(to, dir.attributes().permissions());
            UnixAttributes.setMtime(to, dir.attributes().mtime());
        }
        entries.sort(java.util.Comparator.comparing(ManifestEntry::path));
        return entries;
    }

    private List<ManifestEntry> linkAll(MediaPlan plan, List<MediaPlan.Item> links, Path target, Progress progress)
            throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        for (MediaPlan.Item item : links) {
            Path to = target.resolve(plan.source().relativize(item.source()));
            String path = SnapshotLayout.MEDIA + "/" + item.relative();
            if (item.action() == MediaPlan.Action.SYMLINK) {
                Files.createSymbolicLink(to, Path.of(item.linkTarget()));
                UnixAttributes.setOwner(to, item.attributes().uid(), item.attributes().gid());
                UnixAttributes.setMtime(to, item.attributes().mtime());
                entries.add(ManifestEntry.symlink(path, item.linkTarget()));
            } else {
                ManifestEntry stored = linkOrCopy(plan, item, stored(to), path, progress);
                if (stored != null) {
                    entries.add(stored);
                }
            }
            checkpoint.reached("media " + item.relative());
        }
        return entries;
    }

    /** The copies, compressed while the links are made; the caller collects their entries. */
    private void submitCopies(ParallelWork<ManifestEntry> pool, MediaPlan plan, List<MediaPlan.Item> copies, Path target,
            Progress progress) {
        for (MediaPlan.Item item : copies) {
            Path to = stored(target.resolve(plan.source().relativize(item.source())));
            String path = SnapshotLayout.MEDIA + "/" + item.relative();
            pool.submit(() -> {
                ManifestEntry entry = copy(item, to, path, progress);
                checkpoint.reached("media " + item.relative());
                return entry;
            });
        }
    }

    private static Path stored(Path media) {
        return media.resolveSibling(media.getFileName() + MediaCompression.SUFFIX);
    }

    /**
     * Links when the live file is still what the plan saw; copies when it changed since, or when
     * the link cannot be made (another file system, too many links, the base copy gone).
     */
    private ManifestEntry linkOrCopy(MediaPlan plan, MediaPlan.Item item, Path to, String path, Progress progress)
            throws IOException {
        try {
            UnixAttributes now = UnixAttributes.of(item.source());
            if (item.attributes().sameAs(now)) {
                Path stored = plan.baseSnapshot().dir().resolve(SnapshotLayout.MEDIA)
                        .resolve(item.relative() + MediaCompression.SUFFIX);
                Files.createLink(to, stored);
                ManifestEntry previous = item.previous();
                return ManifestEntry.media(previous.path(), previous.size(), previous.sha256(), previous.mtime(), true,
                        previous.sourceSize());
            }
        } catch (IOException e) {
            Files.deleteIfExists(to);
        }
        return copy(item, to, path, progress);
    }

    /** Compresses one file; a file deleted since the plan (a job removed meanwhile) is left out. */
    private ManifestEntry copy(MediaPlan.Item item, Path to, String path, Progress progress) throws IOException {
        try {
            UnixAttributes before = UnixAttributes.of(item.source());
            MediaCompression.Stored stored = MediaCompression.compress(item.source(), before, to, progress);
            return ManifestEntry.media(path + MediaCompression.SUFFIX, stored.size(), stored.sha256(),
                    before.mtime().toInstant(), false, stored.sourceSize());
        } catch (NoSuchFileException e) {
            if (Files.exists(item.source())) {
                throw e;
            }
            Files.deleteIfExists(to);
            notices.accept("not backed up: " + item.source() + " was removed during the backup");
            return null;
        }
    }
}
