package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Where paths and symbolic links under a root really lead. Checking a link's target as text is
 * not enough: {@code a -> ..} and {@code b -> a/..} each look harmless, and {@code b} leads out
 * through {@code a}. So links are followed here as the kernel would follow them, one component
 * at a time, and a walk that climbs above the root is caught.
 */
final class ConfinedPaths {
    /** The kernel's own limit on links followed in one lookup. */
    private static final int MAX_HOPS = 40;

    private ConfinedPaths() {
    }

    /** Whether the link at {@code link} (under {@code root}) leads to a place under {@code root}. */
    static boolean leadsInside(Path root, Path link) throws IOException {
        Deque<String> at = new ArrayDeque<>();
        for (Path part : root.relativize(link.getParent() == null ? root : link.getParent())) {
            if (!part.toString().isEmpty()) {
                at.addLast(part.toString());
            }
        }
        Deque<String> todo = new ArrayDeque<>();
        prepend(todo, Files.readSymbolicLink(link).toString());
        int hops = 1;
        while (!todo.isEmpty()) {
            String part = todo.removeFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (at.isEmpty()) {
                    return false;
                }
                at.removeLast();
                continue;
            }
            at.addLast(part);
            Path here = root.resolve(String.join("/", at));
            if (Files.isSymbolicLink(here)) {
                String target = Files.readSymbolicLink(here).toString();
                if (target.startsWith("/") || ++hops > MAX_HOPS) {
                    return false;
                }
                at.removeLast();
                prepend(todo, target);
            }
        }
        return true;
    }

    private static void prepend(Deque<String> todo, String target) {
        if (target.startsWith("/")) {
            // an absolute target is outside whatever the root: make the walk climb out
            todo.addFirst("..");
            return;
        }
        String[] parts = target.split("/", -1);
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.addFirst(parts[i]);
        }
    }

    /**
     * Whether every existing directory between {@code root} and {@code path} (both excluded) is a
     * real directory, not a link: writing below a link would write wherever it points.
     */
    static boolean noLinkOnTheWay(Path root, Path path) {
        Path here = root;
        Path relative = root.relativize(path);
        for (int i = 0; i < relative.getNameCount() - 1; i++) {
            here = here.resolve(relative.getName(i));
            if (Files.isSymbolicLink(here)) {
                return false;
            }
            if (!Files.exists(here, LinkOption.NOFOLLOW_LINKS)) {
                return true;
            }
        }
        return true;
    }

    /** Creates the directories from {@code root} down to {@code dir}, owner-only, never through a link. */
    static void createDirectories(Path root, Path dir, Consumer<Path> created) throws IOException {
        Path here = root;
        for (Path part : root.relativize(dir)) {
            here = here.resolve(part);
            if (Files.isSymbolicLink(here)) {
                throw new NoSuchFileException(here.toString(), null, "a link stands where a directory should");
            }
            if (!Files.isDirectory(here, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(here, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                created.accept(here);
            }
        }
    }
}
