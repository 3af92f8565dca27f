package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
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
import org.lavasoftware.deploy.io.AtomicFile;

/**
 * Copies a snapshot's {@code media/} tree into a new directory for a restore. Always copies, never
 * links: LAVA appends to its media files, and an append to a hard link would change the snapshot.
 * Modes and mtimes are kept; owners too, or all set to the given one. A link that would lead out
 * of the copy is refused, as {@link SafeExtractor} does, and the copy removed.
 */
public final class TreeCopier {
    private TreeCopier() {
    }

    /** Copies {@code from} to {@code to} (which must not exist) and returns the bytes copied. */
    public static long copy(Path from, Path to, Ownership ownership, Progress progress) {
        try {
            Files.createDirectory(to, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException e) {
            throw ToolException.failed("cannot copy into " + to + ": it exists already, and a restore makes a new directory");
        } catch (IOException e) {
            throw ToolException.failed("cannot create " + to + ": " + IoErrors.describe(e), e);
        }
        try {
            return walk(from, to, ownership, progress);
        } catch (IOException | RuntimeException e) {
            try {
                Trees.delete(to);
            } catch (IOException ignored) {
                // the copy failed; that is the error to report
            }
            if (!IoErrors.isIo(e)) {
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            throw ToolException.failed("cannot copy " + from + " to " + to + ": " + IoErrors.describe(e), e);
        }
    }

    private static long walk(Path from, Path to, Ownership ownership, Progress progress) throws IOException {
        List<Path> directories = new ArrayList<>();
        List<Path> links = new ArrayList<>();
        long[] bytes = {0};
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(dir));
                if (!dir.equals(from)) {
                    Files.createDirectory(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                }
                directories.add(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file));
                UnixAttributes a = owned(UnixAttributes.of(file), ownership);
                if (a.isRegularFile()) {
                    bytes[0] += FileCopy.copy(file, a, target, progress).size();
                } else if (a.isSymlink()) {
                    Files.createSymbolicLink(target, Files.readSymbolicLink(file));
                    UnixAttributes.setOwner(target, a.uid(), a.gid());
                    UnixAttributes.setMtime(target, a.mtime());
                    links.add(target);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        for (Path link : links) {
            if (!ConfinedPaths.leadsInside(to, link)) {
                throw ToolException.failed("refusing to restore " + from + ": " + to.relativize(link)
                        + " is a link that leads outside the media; nothing of it was kept");
            }
        }
        for (int i = directories.size() - 1; i >= 0; i--) {
            Path dir = directories.get(i);
            Path target = to.resolve(from.relativize(dir));
            UnixAttributes a = owned(UnixAttributes.of(dir), ownership);
            AtomicFile.syncDirectory(target);
            UnixAttributes.setOwner(target, a.uid(), a.gid());
            UnixAttributes.setMode(target, a.permissions());
            UnixAttributes.setMtime(target, a.mtime());
        }
        return bytes[0];
    }

    private static UnixAttributes owned(UnixAttributes a, Ownership ownership) {
        return ownership == null ? a : new UnixAttributes(a.mode(), ownership.uid(), ownership.gid(), a.size(), a.mtime(),
                a.inode(), a.links());
    }
}
