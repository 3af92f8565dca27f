package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.Progress;

/**
 * Makes a snapshot's media a live media directory again: each FILE.zst decompressed to FILE with
 * the mode and time it had, links re-made, everything owned by the instance's user. Files are
 * decompressed in parallel. The new directory is owner-only until its entries have their modes,
 * and a link that would lead out of it is refused, as {@link SafeExtractor} does: nothing of a
 * restore that fails is kept.
 */
public final class MediaRestorer {
    private MediaRestorer() {
    }

    /**
     * Restores {@code storedMedia} (a snapshot's media/) into {@code target}, which must not exist,
     * decompressing {@code threads} files at a time.
     */
    public static void restore(Path storedMedia, Path target, Ownership owner, Progress progress, int threads) {
        try {
            Files.createDirectory(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the media into " + target + ": " + IoErrors.describe(e), e);
        }
        List<Path> directories = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        List<Path> links = new ArrayList<>();
        try {
            Files.walkFileTree(storedMedia, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    if (!dir.equals(storedMedia)) {
                        Files.createDirectory(target.resolve(storedMedia.relativize(dir).toString()),
                                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                    }
                    directories.add(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path to = target.resolve(storedMedia.relativize(file).toString());
                    if (attrs.isSymbolicLink()) {
                        Files.createSymbolicLink(to, Files.readSymbolicLink(file));
                        own(to, file, owner, false);
                        links.add(to);
                    } else if (file.getFileName().toString().endsWith(MediaCompression.SUFFIX)) {
                        files.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
            for (Path link : links) {
                if (!ConfinedPaths.leadsInside(target, link)) {
                    throw ToolException.failed("refusing to restore " + storedMedia + ": " + target.relativize(link)
                            + " is a link that leads outside the media; nothing of it was kept");
                }
            }
            decompressAll(storedMedia, target, files, owner, progress, threads);
            for (int i = directories.size() - 1; i >= 0; i--) {
                Path dir = directories.get(i);
                own(target.resolve(storedMedia.relativize(dir).toString()), dir, owner, true);
            }
        } catch (IOException | RuntimeException e) {
            try {
                Trees.delete(target);
            } catch (IOException ignored) {
                // the restore failed; that is the error to report
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UncheckedIOException("cannot restore the media into " + target + ": " + IoErrors.describe(e),
                    (IOException) e);
        }
    }

    private static void decompressAll(Path storedMedia, Path target, List<Path> files, Ownership owner, Progress progress,
            int threads) throws IOException {
        try (ParallelWork<Void> work = new ParallelWork<>(threads)) {
            for (Path file : files) {
                String relative = storedMedia.relativize(file).toString();
                Path to = target.resolve(relative.substring(0, relative.length() - MediaCompression.SUFFIX.length()));
                work.submit(() -> {
                    MediaCompression.decompress(file, to, progress);
                    own(to, file, owner, true);
                    return null;
                });
            }
            work.results();
        }
    }

    /** The stored file's mode and time; the instance's owner (a snapshot may come from another machine). */
    private static void own(Path to, Path from, Ownership owner, boolean mode) throws IOException {
        UnixAttributes stored = UnixAttributes.of(from);
        if (owner != null) {
            UnixAttributes.setOwner(to, owner.uid(), owner.gid());
        }
        if (mode) {
            UnixAttributes.setMode(to, stored.permissions());
        }
        UnixAttributes.setMtime(to, stored.mtime());
    }
}
