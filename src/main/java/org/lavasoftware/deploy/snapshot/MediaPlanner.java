package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lavasoftware.deploy.ToolException;

/**
 * Decides, file by file, whether the media of an instance must be copied or can be hard-linked
 * to the base snapshot. LAVA media only grows (job logs are appended, then left alone), so a file
 * whose size and mtime are those the base recorded, and whose copy in the base still has them,
 * is the same file: it is linked, and its hash is taken from the base's manifest instead of being
 * read again. That is what makes the second backup fast.
 */
final class MediaPlanner {
    /** Below ext4's 65000 links per inode; a file linked that often is copied afresh instead. */
    static final int MAX_LINKS = 60_000;

    private MediaPlanner() {
    }

    static MediaPlan plan(Path mediaDir, BaseSnapshot base, Consumer<String> notices) {
        if (!Files.isDirectory(mediaDir, LinkOption.NOFOLLOW_LINKS)) {
            throw ToolException.failed("there is no media directory at " + mediaDir);
        }
        List<MediaPlan.Item> items = new ArrayList<>();
        try {
            Files.walkFileTree(mediaDir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    items.add(new MediaPlan.Item(dir, relative(mediaDir, dir), MediaPlan.Action.DIRECTORY,
                            UnixAttributes.of(dir), null, null));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    String relative = relative(mediaDir, file);
                    UnixAttributes now = UnixAttributes.of(file);
                    if (now.isRegularFile()) {
                        items.add(decide(file, relative, now, base));
                    } else if (now.isSymlink()) {
                        items.add(new MediaPlan.Item(file, relative, MediaPlan.Action.SYMLINK, now, null,
                                Files.readSymbolicLink(file).toString()));
                    } else {
                        notices.accept("not backed up: " + file + " is neither a file, a directory nor a link");
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw ToolException.failed("cannot read the media: " + IoErrors.describe(e), e);
        } catch (UncheckedIOException e) {
            throw ToolException.failed("cannot read the media: " + IoErrors.describe(e), e);
        }
        return new MediaPlan(mediaDir, base, items);
    }

    private static MediaPlan.Item decide(Path file, String relative, UnixAttributes now, BaseSnapshot base) {
        MediaPlan.Item copy = new MediaPlan.Item(file, relative, MediaPlan.Action.COPY, now, null, null);
        if (base == null) {
            return copy;
        }
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
        return new MediaPlan.Item(file, relative, MediaPlan.Action.LINK, now, previous, null);
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
