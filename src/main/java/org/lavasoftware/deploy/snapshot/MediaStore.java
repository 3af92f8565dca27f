package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.lavasoftware.deploy.engine.Progress;

/**
 * Carries out a {@link MediaPlan} into a snapshot's {@code media/}: directories made, files
 * copied or hard-linked, links re-made. A hard link is the same inode as the base's copy, so the
 * file costs no space and removing either snapshot leaves the other's name for it intact.
 *
 * <p>In two calls, so that a backup can start its dump between them: {@link #start} makes the
 * directories and the links, system calls which a dump writing beside them slows several times
 * over, while the new and changed files start compressing; {@link #finish} waits for those, then
 * gives the directories their modes and times.
 */
final class MediaStore implements AutoCloseable {
    /** Files are compressed this many at a time. */
    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /**
     * Directories and links are made this many at a time. Each is a system call that mostly waits,
     * for the file system's journal or an inode, so more makers than cores keep the media moving.
     */
    private static final int MAKERS = 2 * WORKERS;
    /** Directories or links handed to a maker at once: enough to pay for the hand-over. */
    private static final int BATCH = 128;

    /** What is done to one path of the plan, in a batch. */
    private interface ItemWork {
        void on(MediaPlan.Item item) throws IOException;
    }

    private final MediaPlan plan;
    private final Path target;
    private final Consumer<String> notices;
    private final SnapshotWriter.Checkpoint checkpoint;
    /** The plan's directories by depth: 0 the media directory itself, 1 what is in it, ... */
    private final List<List<MediaPlan.Item>> levels = new ArrayList<>();
    private final List<ManifestEntry> entries = Collections.synchronizedList(new ArrayList<>());
    private ParallelWork<ManifestEntry> copying;
    private Progress progress;

    MediaStore(MediaPlan plan, Path target, Consumer<String> notices, SnapshotWriter.Checkpoint checkpoint) {
        this.plan = plan;
        this.target = target;
        this.notices = notices;
        this.checkpoint = checkpoint;
    }

    /**
     * Makes the directories under {@code target} (which must not exist), owner-only while they
     * fill, a level of the tree at a time; starts compressing the files to copy, advancing
     * {@code progress}; makes the hard links to the base's unchanged files and the symbolic links.
     * A file that cannot be linked (another file system, too many links, the base's copy gone) is
     * copied instead.
     */
    void start(Progress progress) throws IOException {
        if (copying != null) {
            throw new IllegalStateException("the media are being stored already");
        }
        this.progress = progress;
        List<MediaPlan.Item> copies = new ArrayList<>();
        List<MediaPlan.Item> links = new ArrayList<>();
        for (MediaPlan.Item item : plan.items()) {
            switch (item.action()) {
                case DIRECTORY -> {
                    int depth = depth(item.relative());
                    while (levels.size() <= depth) {
                        levels.add(new ArrayList<>());
                    }
                    levels.get(depth).add(item);
                }
                case COPY -> copies.add(item);
                case LINK, SYMLINK -> links.add(item);
            }
        }
        for (List<MediaPlan.Item> level : levels) {
            inBatches(level, dir -> Files.createDirectory(pathOf(dir),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
        }
        copying = new ParallelWork<>(WORKERS);
        copies.forEach(this::submitCopy);
        List<MediaPlan.Item> notLinked = Collections.synchronizedList(new ArrayList<>());
        inBatches(links, item -> {
            if (!link(item)) {
                notLinked.add(item);
            }
            checkpoint.reached("media " + item.relative());
        });
        notLinked.forEach(this::submitCopy);
    }

    private void submitCopy(MediaPlan.Item item) {
        copying.submit(() -> {
            ManifestEntry entry = copy(item, stored(pathOf(item)), progress);
            checkpoint.reached("media " + item.relative());
            return entry;
        });
    }

    /**
     * Waits for the copies, then gives every directory its mode, owner and time, deepest first (a
     * read-only mode or a changed mtime must come after what is made inside). Returns the manifest
     * entries of the whole media, sorted.
     */
    List<ManifestEntry> finish() throws IOException {
        if (copying == null) {
            throw new IllegalStateException("start storing the media first");
        }
        try {
            entries.addAll(copying.results());
        } finally {
            copying.close();
        }
        for (int depth = levels.size() - 1; depth >= 0; depth--) {
            inBatches(levels.get(depth), dir -> {
                Path to = pathOf(dir);
                UnixAttributes.setOwner(to, dir.attributes().uid(), dir.attributes().gid());
                UnixAttributes.setMode(to, dir.attributes().permissions());
                UnixAttributes.setMtime(to, dir.attributes().mtime());
            });
        }
        List<ManifestEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(ManifestEntry::path));
        return sorted;
    }

    /** Stops the copies still running, and waits for them, so that the half-made media can go. */
    @Override
    public void close() {
        if (copying != null) {
            copying.close();
        }
    }

    private Path pathOf(MediaPlan.Item item) {
        return item.relative().isEmpty() ? target : target.resolve(item.relative());
    }

    /** 0 for the media directory itself, 1 for what is in it, and so on. */
    private static int depth(String relative) {
        if (relative.isEmpty()) {
            return 0;
        }
        int depth = 1;
        for (int i = relative.indexOf('/'); i >= 0; i = relative.indexOf('/', i + 1)) {
            depth++;
        }
        return depth;
    }

    /** Does {@code work} on every item, by the makers when there are enough items to share. */
    private static void inBatches(List<MediaPlan.Item> items, ItemWork work) throws IOException {
        if (items.size() <= BATCH) {
            for (MediaPlan.Item item : items) {
                work.on(item);
            }
            return;
        }
        try (ParallelWork<Void> makers = new ParallelWork<>(MAKERS)) {
            for (List<MediaPlan.Item> batch : ParallelWork.batches(items, BATCH)) {
                makers.submit(() -> {
                    for (MediaPlan.Item item : batch) {
                        work.on(item);
                    }
                    return null;
                });
            }
            makers.results();
        }
    }

    /**
     * Makes one symbolic link, or one hard link to the base's copy of an unchanged file, whose
     * entry is then the base's: the same bytes, the same hash. The file is as the plan saw it a
     * moment ago; one appended to since is taken as it was then, as any file written during a
     * backup is. False when the hard link cannot be made.
     */
    private boolean link(MediaPlan.Item item) throws IOException {
        Path to = pathOf(item);
        if (item.action() == MediaPlan.Action.SYMLINK) {
            Files.createSymbolicLink(to, Path.of(item.linkTarget()));
            UnixAttributes.setOwner(to, item.attributes().uid(), item.attributes().gid());
            UnixAttributes.setMtime(to, item.attributes().mtime());
            entries.add(ManifestEntry.symlink(SnapshotLayout.MEDIA + "/" + item.relative(), item.linkTarget()));
            return true;
        }
        Path baseCopy = plan.baseSnapshot().dir().resolve(SnapshotLayout.MEDIA)
                .resolve(item.relative() + MediaCompression.SUFFIX);
        try {
            Files.createLink(stored(to), baseCopy);
        } catch (IOException e) {
            return false;
        }
        ManifestEntry previous = item.previous();
        entries.add(ManifestEntry.media(previous.path(), previous.size(), previous.sha256(), previous.mtime(), true,
                previous.sourceSize()));
        return true;
    }

    private static Path stored(Path media) {
        return media.resolveSibling(media.getFileName() + MediaCompression.SUFFIX);
    }

    /** Compresses one file; a file deleted since the plan (a job removed meanwhile) is left out. */
    private ManifestEntry copy(MediaPlan.Item item, Path to, Progress progress) throws IOException {
        try {
            UnixAttributes before = UnixAttributes.of(item.source());
            MediaCompression.Stored stored = MediaCompression.compress(item.source(), before, to, progress);
            return ManifestEntry.media(SnapshotLayout.MEDIA + "/" + item.relative() + MediaCompression.SUFFIX,
                    stored.size(), stored.sha256(), before.mtime().toInstant(), false, stored.sourceSize());
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
