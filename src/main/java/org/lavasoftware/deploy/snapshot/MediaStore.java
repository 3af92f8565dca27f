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
import org.lavasoftware.deploy.io.AtomicFile;

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

    /** Stores the media under {@code target} (which must not exist) and returns its manifest entries. */
    List<ManifestEntry> store(MediaPlan plan, Path target, Progress progress) throws IOException {
        List<ManifestEntry> entries = new ArrayList<>();
        List<MediaPlan.Item> directories = new ArrayList<>();
        for (MediaPlan.Item item : plan.items()) {
            Path to = target.resolve(plan.source().relativize(item.source()));
            String path = SnapshotLayout.MEDIA + "/" + item.relative();
            switch (item.action()) {
                case DIRECTORY -> {
                    // owner-only while it fills; its own mode comes once its entries are in
                    Files.createDirectory(to, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    directories.add(item);
                }
                case LINK, COPY -> {
                    ManifestEntry stored = item.action() == MediaPlan.Action.LINK
                            ? linkOrCopy(plan, item, to, path, progress) : copy(item, to, path, progress);
                    if (stored != null) {
                        entries.add(stored);
                    }
                }
                case SYMLINK -> {
                    Files.createSymbolicLink(to, Path.of(item.linkTarget()));
                    UnixAttributes.setOwner(to, item.attributes().uid(), item.attributes().gid());
                    UnixAttributes.setMtime(to, item.attributes().mtime());
                    entries.add(ManifestEntry.symlink(path, item.linkTarget()));
                }
            }
            if (item.action() != MediaPlan.Action.DIRECTORY) {
                checkpoint.reached("media " + item.relative());
            }
        }
        // deepest first: making an entry changes a directory's mtime, and a read-only mode
        // would stop the entries being made
        for (int i = directories.size() - 1; i >= 0; i--) {
            MediaPlan.Item dir = directories.get(i);
            Path to = target.resolve(plan.source().relativize(dir.source()));
            AtomicFile.syncDirectory(to);
            UnixAttributes.setOwner(to, dir.attributes().uid(), dir.attributes().gid());
            UnixAttributes.setMode(to, dir.attributes().permissions());
            UnixAttributes.setMtime(to, dir.attributes().mtime());
        }
        return entries;
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
                Path stored = plan.baseSnapshot().dir().resolve(SnapshotLayout.MEDIA).resolve(item.relative());
                Files.createLink(to, stored);
                ManifestEntry previous = item.previous();
                return ManifestEntry.media(path, previous.size(), previous.sha256(), previous.mtime(), true);
            }
        } catch (IOException e) {
            Files.deleteIfExists(to);
        }
        return copy(item, to, path, progress);
    }

    /** Copies one file; a file deleted since the plan (a job removed meanwhile) is left out. */
    private ManifestEntry copy(MediaPlan.Item item, Path to, String path, Progress progress) throws IOException {
        try {
            UnixAttributes before = UnixAttributes.of(item.source());
            Sha256.Sum sum = FileCopy.copy(item.source(), before, to, progress);
            return ManifestEntry.media(path, sum.size(), sum.sha256(), before.mtime().toInstant(), false);
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
