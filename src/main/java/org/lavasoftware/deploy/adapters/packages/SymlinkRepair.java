package org.lavasoftware.deploy.adapters.packages;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A .deb extracted into a private directory keeps its relative symlinks, which point at where
 * the file would be had the package been installed at /: into /usr/share/javascript, Django's
 * static files... They break in the private tree; each is re-pointed at that system path.
 */
public final class SymlinkRepair {
    private SymlinkRepair() {
    }

    /** Repairs the broken links under {@code tree}; returns those whose system file does not exist. */
    public static List<String> repair(Path tree) {
        List<String> unresolved = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path link : paths.filter(Files::isSymbolicLink).toList()) {
                if (Files.exists(link)) {
                    continue;
                }
                Path target = Files.readSymbolicLink(link);
                Path asInstalled = Path.of("/").resolve(tree.relativize(link.getParent())).resolve(target).normalize();
                if (Files.exists(asInstalled, LinkOption.NOFOLLOW_LINKS)) {
                    Files.delete(link);
                    Files.createSymbolicLink(link, asInstalled);
                } else {
                    unresolved.add(tree.relativize(link) + " -> " + asInstalled);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot repair the links of " + tree + ": " + e.getMessage(), e);
        }
        return unresolved;
    }
}
