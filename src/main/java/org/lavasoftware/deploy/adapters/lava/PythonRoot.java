package org.lavasoftware.deploy.adapters.lava;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.lavasoftware.deploy.ToolException;

/**
 * Where a code tree's Python packages start: the directory holding {@code lava_server/}, whatever
 * the tree's layout (usr/lib/python3/dist-packages in a Debian release, the root of a git checkout).
 */
public final class PythonRoot {
    private static final int DEPTH = 6;

    private PythonRoot() {
    }

    /** The path, relative to the tree, of the directory holding lava_server/. */
    public static Path within(Path tree) {
        return find(tree).orElseThrow(() -> ToolException.failed("no lava_server package in " + tree
                + "; is it LAVA's code?"));
    }

    public static Optional<Path> find(Path tree) {
        try (Stream<Path> dirs = Files.find(tree, DEPTH, (p, a) -> a.isDirectory()
                && p.getFileName().toString().equals("lava_server") && Files.isRegularFile(p.resolve("__init__.py")))) {
            return dirs.map(p -> tree.relativize(p.getParent()))
                    .min(Comparator.comparingInt(Path::getNameCount));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot search " + tree + ": " + e.getMessage(), e);
        }
    }
}
