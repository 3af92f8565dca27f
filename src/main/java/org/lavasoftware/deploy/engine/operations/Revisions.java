package org.lavasoftware.deploy.engine.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * The revisions of an instance's code, side by side in code/REV as Capistrano keeps its releases:
 * {@code current} and {@code previous} are links switched atomically, the static files of each
 * revision in var/www/lava-server/static-REV with {@code static} linking the one in use.
 */
public final class Revisions {
    private final InstanceLayout layout;

    public Revisions(InstanceLayout layout) {
        this.layout = layout;
    }

    public Path tree(String revision) {
        return layout.codeDir().resolve(revision);
    }

    public Path staticOf(String revision) {
        return layout.staticFiles().resolveSibling("static-" + revision);
    }

    public Optional<String> current() {
        return linked(layout.currentCode());
    }

    public Optional<String> previous() {
        return linked(layout.codeDir().resolve("previous"));
    }

    /** Makes {@code revision} current and what was current the previous one. */
    public void switchTo(String revision) {
        Optional<String> was = current();
        Filesystem.switchLink(layout.currentCode(), Path.of(revision));
        if (was.isPresent() && !was.get().equals(revision)) {
            Filesystem.switchLink(layout.codeDir().resolve("previous"), Path.of(was.get()));
        }
    }

    /**
     * Puts current and previous back as they were before a {@link #switchTo} ({@code previous} null:
     * there was none). Setting links, it can run again.
     */
    public void switchBack(String current, String previous) {
        Filesystem.switchLink(layout.currentCode(), Path.of(current));
        Path link = layout.codeDir().resolve("previous");
        if (previous != null) {
            Filesystem.switchLink(link, Path.of(previous));
        } else if (Files.isSymbolicLink(link)) {
            try {
                Files.delete(link);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + link + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * Removes a revision that an operation fetched, as the undo of that fetch; refuses the one
     * code/current points at or whose static files are in use: the undo of the switch failed, and
     * removing it would take the instance's code away.
     */
    public void removeFetched(String revision) {
        if (current().map(revision::equals).orElse(false) || staticInUse().map(revision::equals).orElse(false)) {
            throw org.lavasoftware.deploy.ToolException.unexpectedState("revision " + revision + " is in use (code/current or static points at it):"
                    + " it is not removed; undo the switch first");
        }
        remove(revision);
        // what a fetch killed half-way left beside it (the sources fetch into .REV.partial)
        Filesystem.deleteTree(layout.codeDir().resolve("." + revision + ".partial"));
    }

    /** Takes code/current away: an instance that had none before a switch (a conversion undone). */
    public void dropCurrent() {
        try {
            Files.deleteIfExists(layout.currentCode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + layout.currentCode() + ": " + e.getMessage(), e);
        }
    }

    public void useStatic(String revision) {
        Filesystem.switchLink(layout.staticFiles(), Path.of(staticOf(revision).getFileName().toString()));
    }

    public Optional<String> staticInUse() {
        return linked(layout.staticFiles()).map(name -> name.replaceFirst("^static-", ""));
    }

    /** The revisions present, oldest first (by when they were fetched). */
    public List<String> all() {
        if (!Files.isDirectory(layout.codeDir())) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(layout.codeDir())) {
            return entries.filter(p -> Files.isDirectory(p) && !Files.isSymbolicLink(p))
                    .filter(p -> !p.getFileName().toString().startsWith("."))
                    .sorted(Comparator.comparing(Revisions::fetched))
                    .map(p -> p.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + layout.codeDir() + ": " + e.getMessage(), e);
        }
    }

    /** The oldest revisions beyond {@code keep}, never the current or the previous one. */
    public List<String> prunable(int keep) {
        List<String> all = new ArrayList<>(all());
        List<String> protectedOnes = new ArrayList<>();
        current().ifPresent(protectedOnes::add);
        previous().ifPresent(protectedOnes::add);
        List<String> candidates = new ArrayList<>(all);
        candidates.removeAll(protectedOnes);
        int removable = Math.max(0, all.size() - Math.max(keep, protectedOnes.size()));
        return candidates.subList(0, Math.min(removable, candidates.size()));
    }

    public void remove(String revision) {
        Filesystem.deleteTree(tree(revision));
        Filesystem.deleteTree(staticOf(revision));
    }

    private static FileTime fetched(Path dir) {
        try {
            return Files.getLastModifiedTime(dir);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }

    private static Optional<String> linked(Path link) {
        try {
            return Files.isSymbolicLink(link) ? Optional.of(Files.readSymbolicLink(link).getFileName().toString())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
