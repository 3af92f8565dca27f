package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.lavasoftware.deploy.ToolException;

/**
 * Decides, file by file, whether the media of an instance must be copied or can be hard-linked
 * to the base snapshot. LAVA media only grows (job logs are appended, then left alone), so a file
 * whose size and mtime are those the base recorded, and whose copy in the base still has them,
 * is the same file: it is linked, and its hash is taken from the base's manifest instead of being
 * read again. That is what makes the second backup fast.
 *
 * <p>Tens of thousands of files make this a matter of system calls, so the work is spread: the
 * base's manifest is read while the tree is walked, the tree is walked a level at a time with a
 * directory's entries read by one of several threads, and the base's copies are looked at by
 * several threads too.
 */
final class MediaPlanner {
    /** Below ext4's 65000 links per inode; a file linked that often is copied afresh instead. */
    static final int MAX_LINKS = 60_000;
    private static final int WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());
    /** Directories, or files, handed to one thread at a time: enough to pay for the hand-over. */
    private static final int BATCH = 64;

    /** Reads the base snapshot (none for a full backup); runs beside the walk. */
    interface BaseReader {
        BaseSnapshot read();
    }

    /** A path of the live media as the walk saw it. */
    private record Found(Path path, String relative, UnixAttributes attributes, String linkTarget) {
    }

    private MediaPlanner() {
    }

    static MediaPlan plan(Path mediaDir, BaseReader baseReader, Consumer<String> notices) {
        if (!Files.isDirectory(mediaDir, LinkOption.NOFOLLOW_LINKS)) {
            throw ToolException.failed("there is no media directory at " + mediaDir);
        }
        try (ParallelWork<BaseSnapshot> reading = new ParallelWork<>(1)) {
            reading.submit(baseReader::read);
            List<Found> found = walk(mediaDir, notices);
            List<BaseSnapshot> read = reading.results();
            BaseSnapshot base = read.isEmpty() ? null : read.get(0);
            List<MediaPlan.Item> items = decideAll(found, base);
            items.sort(Comparator.comparing(MediaPlan.Item::relative));
            return new MediaPlan(mediaDir, base, items);
        } catch (IOException | UncheckedIOException e) {
            throw ToolException.failed("cannot read the media: " + IoErrors.describe(e), e);
        }
    }

    /**
     * Every directory, file and link under {@code mediaDir}, without following links, a level of
     * the tree at a time. What vanishes while it is read (a job removed meanwhile) is left out.
     */
    private static List<Found> walk(Path mediaDir, Consumer<String> notices) throws IOException {
        List<Found> found = new ArrayList<>();
        found.add(new Found(mediaDir, "", UnixAttributes.of(mediaDir), null));
        List<Path> level = List.of(mediaDir);
        while (!level.isEmpty()) {
            List<Path> next = new ArrayList<>();
            try (ParallelWork<List<Found>> reading = new ParallelWork<>(WORKERS)) {
                for (List<Path> batch : ParallelWork.batches(level, BATCH)) {
                    reading.submit(() -> {
                        List<Found> entries = new ArrayList<>();
                        for (Path dir : batch) {
                            readDirectory(mediaDir, dir, entries, notices);
                        }
                        return entries;
                    });
                }
                for (List<Found> entries : reading.results()) {
                    for (Found entry : entries) {
                        found.add(entry);
                        if (entry.attributes().isDirectory()) {
                            next.add(entry.path());
                        }
                    }
                }
            }
            level = next;
        }
        return found;
    }

    private static void readDirectory(Path mediaDir, Path dir, List<Found> entries, Consumer<String> notices)
            throws IOException {
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            for (Path entry : listing) {
                UnixAttributes now;
                try {
                    now = UnixAttributes.of(entry);
                } catch (NoSuchFileException e) {
                    continue;
                }
                String relative = relative(mediaDir, entry);
                if (now.isDirectory() || now.isRegularFile()) {
                    entries.add(new Found(entry, relative, now, null));
                } else if (now.isSymlink()) {
                    try {
                        entries.add(new Found(entry, relative, now, Files.readSymbolicLink(entry).toString()));
                    } catch (NoSuchFileException e) {
                        // removed since it was listed
                    }
                } else {
                    notices.accept("not backed up: " + entry + " is neither a file, a directory nor a link");
                }
            }
        } catch (NoSuchFileException e) {
            if (dir.equals(mediaDir)) {
                throw e;
            }
        } catch (java.nio.file.DirectoryIteratorException e) {
            throw e.getCause();
        }
    }

    private static List<MediaPlan.Item> decideAll(List<Found> found, BaseSnapshot base) throws IOException {
        List<MediaPlan.Item> items = new ArrayList<>(found.size());
        try (ParallelWork<List<MediaPlan.Item>> deciding = new ParallelWork<>(base == null ? 1 : WORKERS)) {
            for (List<Found> batch : ParallelWork.batches(found, BATCH)) {
                deciding.submit(() -> {
                    List<MediaPlan.Item> decided = new ArrayList<>(batch.size());
                    for (Found f : batch) {
                        decided.add(decide(f, base));
                    }
                    return decided;
                });
            }
            deciding.results().forEach(items::addAll);
        }
        return items;
    }

    private static MediaPlan.Item decide(Found found, BaseSnapshot base) {
        UnixAttributes now = found.attributes();
        if (now.isDirectory()) {
            return new MediaPlan.Item(found.path(), found.relative(), MediaPlan.Action.DIRECTORY, now, null, null);
        }
        if (now.isSymlink()) {
            return new MediaPlan.Item(found.path(), found.relative(), MediaPlan.Action.SYMLINK, now, null,
                    found.linkTarget());
        }
        MediaPlan.Item copy = new MediaPlan.Item(found.path(), found.relative(), MediaPlan.Action.COPY, now, null, null);
        if (base == null) {
            return copy;
        }
        String relative = found.relative();
        ManifestEntry previous = base.files().get(SnapshotLayout.MEDIA + "/" + relative + MediaCompression.SUFFIX);
        if (previous == null || !previous.isFile() || previous.sourceSize() != now.size() || previous.mtime() == null
                || !previous.mtime().equals(now.mtime().toInstant())) {
            return copy;
        }
        try {
            UnixAttributes stored = UnixAttributes.of(base.dir().resolve(SnapshotLayout.MEDIA)
                    .resolve(relative + MediaCompression.SUFFIX));
            // the stored copy must still have the size the base recorded: one cut short or grown
            // since would be linked, and the new snapshot would fail its check
            if (!stored.isRegularFile() || stored.size() != previous.size() || !sameFile(stored, now)
                    || stored.links() >= MAX_LINKS) {
                return copy;
            }
        } catch (IOException e) {
            return copy;
        }
        return new MediaPlan.Item(found.path(), relative, MediaPlan.Action.LINK, now, previous, null);
    }

    /**
     * Whether a link to {@code stored} (compressed: its size is not the live file's, which the
     * manifest compares) gives what the live file has. The owner only counts when this process
     * could have kept it (as root); a user's backup owns its copies.
     */
    static boolean sameFile(UnixAttributes stored, UnixAttributes live) {
        return stored.mtime().equals(live.mtime())
                && stored.permissions() == (live.permissions() & ~UnixAttributes.SETID)
                && (!UnixAttributes.ROOT || (stored.uid() == live.uid() && stored.gid() == live.gid()));
    }

    /**
     * The path of {@code path} under {@code root}, '/'-separated. A name this JVM cannot write back
     * the same (not valid in its character set) would be stored under another name: refused.
     */
    static String relative(Path root, Path path) {
        Path relative = root.relativize(path);
        String text = relative.toString();
        if (!Path.of(text).equals(relative)) {
            throw ToolException.failed("cannot back up " + Names.shown(text) + ": its name is not valid in this system's"
                    + " character set; run the tool in a UTF-8 locale (LANG=C.UTF-8)");
        }
        return text;
    }
}
