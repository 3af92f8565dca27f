package org.lavasoftware.deploy.adapters.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import org.lavasoftware.deploy.io.AtomicFile;

/**
 * Files and directories with the owner and mode an instance needs. The tool runs as root for
 * every operation that changes the machine (see RootCheck), so this works through the JDK; links
 * are never followed when changing or deleting, so a link placed in a tree cannot redirect
 * the tool to files outside it.
 */
public final class Filesystem {
    private Filesystem() {
    }

    /** Creates the directory (and parents, as root's 0755) and sets its owner and mode. */
    public static void directory(Path dir, String mode, String owner, String group) {
        try {
            Files.createDirectories(dir);
            own(dir, mode, owner, group);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Writes the file atomically with its final owner and mode (never briefly readable by others). */
    public static void file(Path file, String content, String mode, String owner, String group) {
        AtomicFile.write(file, content, mode);
        try {
            own(file, mode, owner, group);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set the owner of " + file + ": " + e.getMessage(), e);
        }
    }

    /** Sets owner, group (null: unchanged) and mode (null: unchanged) without following links. */
    public static void own(Path path, String mode, String owner, String group) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                LinkOption.NOFOLLOW_LINKS);
        UserPrincipalLookupService lookup = path.getFileSystem().getUserPrincipalLookupService();
        if (owner != null) {
            UserPrincipal user = lookup.lookupPrincipalByName(owner);
            view.setOwner(user);
        }
        if (group != null) {
            GroupPrincipal principal = lookup.lookupPrincipalByGroupName(group);
            view.setGroup(principal);
        }
        if (mode != null && !Files.isSymbolicLink(path)) {
            // the unix view, unlike the posix one, also sets setgid and sticky (var/log, tmp)
            Files.setAttribute(path, "unix:mode", mode(mode), LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** The numeric mode of {@code ls -l}'s notation, with s/S and t/T: "rwxr-s---" is 02750. */
    public static int mode(String notation) {
        if (notation.length() != 9) {
            throw new IllegalArgumentException("not a mode: " + notation);
        }
        int mode = 0;
        for (int i = 0; i < 9; i++) {
            char c = notation.charAt(i);
            int bit = 1 << (8 - i);
            boolean execute = i % 3 == 2;
            if (c == (new char[] {'r', 'w', 'x'})[i % 3] || execute && (c == 's' || c == 't')) {
                mode |= bit;
            } else if (c != '-' && !(execute && (c == 'S' || c == 'T'))) {
                throw new IllegalArgumentException("not a mode: " + notation);
            }
            if (execute && "sStT".indexOf(c) >= 0) {
                mode |= i == 2 ? 04000 : i == 5 ? 02000 : 01000;
            }
        }
        return mode;
    }

    /** Gives a whole tree to an owner and group, modes unchanged. */
    public static void ownTree(Path root, String owner, String group) {
        walk(root, path -> own(path, null, owner, group));
    }

    /** Deletes a tree, links as links (what they point at is left alone); nothing if absent. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            // A background removal (BackgroundRemoval) may be deleting the same files: an entry gone
            // meanwhile is what was asked, not a failure.
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    if (e != null && !(e instanceof NoSuchFileException)) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // removed meanwhile: what was asked
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root + ": " + e.getMessage(), e);
        }
    }

    /** Points {@code link} at {@code target} in one rename: readers see the old or the new, never none. */
    public static void switchLink(Path link, Path target) {
        Path temporary = link.resolveSibling("." + link.getFileName() + ".new");
        try {
            Files.deleteIfExists(temporary);
            Files.createSymbolicLink(temporary, target);
            Files.move(temporary, link, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            AtomicFile.syncDirectory(link.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot point " + link + " at " + target + ": " + e.getMessage(), e);
        }
    }

    private interface PathAction {
        void apply(Path path) throws IOException;
    }

    private static void walk(Path root, PathAction action) {
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    action.apply(dir);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    action.apply(file);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot change " + root + ": " + e.getMessage(), e);
        }
    }
}
