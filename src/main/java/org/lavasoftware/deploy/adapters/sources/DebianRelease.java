package org.lavasoftware.deploy.adapters.sources;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.packages.Apt;
import org.lavasoftware.deploy.adapters.packages.DebDependencies;
import org.lavasoftware.deploy.adapters.packages.SymlinkRepair;

/**
 * LAVA as Debian releases it: the server's packages (lava-server, lava-common, lava-server-doc)
 * and the worker's (lava-dispatcher, lava-dispatcher-host) of one version, downloaded into the
 * tool's cache and extracted into one private directory, never installed system-wide. Server and
 * worker come from the same tree, so they are always the same version, which LAVA requires of
 * them. The revision is the Debian version (2023.01-2).
 */
public final class DebianRelease {
    /** What LAVA's server and worker need of its packages; the docs serve the Help links of every page. */
    public static final List<String> PACKAGES = List.of("lava-server", "lava-common", "lava-server-doc",
            "lava-dispatcher", "lava-dispatcher-host");

    private final Apt apt;
    private final Path cacheDir;

    public DebianRelease(Apt apt, Path cacheDir) {
        this.apt = apt;
        this.cacheDir = cacheDir;
    }

    /** The newest version apt knows of, or a clear error when it knows none. */
    public String newestVersion() {
        String version = apt.candidate("lava-server");
        if (version == null) {
            throw ToolException.failed("apt knows no lava-server package; run `apt-get update`, "
                    + "or check that the machine's sources include Debian's main archive");
        }
        return version;
    }

    /** Checks that apt can download this version, before anything is changed. */
    public void requireAvailable(String version) {
        if (apt.available("lava-server=" + version)) {
            return;
        }
        String newest = apt.candidate("lava-server");
        throw ToolException.badInput("lava-server " + version + " is not available from apt"
                + (newest == null ? "" : " (it offers " + newest + ")") + "; give a version apt-cache policy lava-server lists");
    }

    public Path debsDir(String version) {
        return cacheDir.resolve("debs").resolve(version);
    }

    /** The .deb files of the version, downloaded into the cache unless already there. */
    public List<Path> debs(String version) {
        Path dir = debsDir(version);
        List<Path> found = cached(dir);
        if (found.size() == PACKAGES.size()) {
            return found;
        }
        Path partial = dir.resolveSibling("." + version + ".partial");
        Filesystem.deleteTree(partial);
        Filesystem.directory(partial, "rwxr-xr-x", null, null);
        apt.download(PACKAGES.stream().map(p -> p + "=" + version).toList(), partial);
        try {
            Filesystem.deleteTree(dir);
            Files.move(partial, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the downloaded packages in " + dir + ": " + e.getMessage(), e);
        }
        return cached(dir);
    }

    /** The Debian packages LAVA of this version runs with (the Depends of its .debs). */
    public List<String> dependencies(String version) {
        List<String> fields = new ArrayList<>();
        for (Path deb : debs(version)) {
            fields.add(apt.depends(deb));
        }
        return DebDependencies.toInstall(fields, apt::available);
    }

    /**
     * Extracts the version into {@code target}, through a temporary sibling so that a half
     * extracted tree never has the final name; broken links are re-pointed at the system's files.
     */
    public void extract(String version, Path target) {
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial");
        Filesystem.deleteTree(partial);
        Filesystem.directory(partial, "rwxr-xr-x", "root", "root");
        for (Path deb : debs(version)) {
            apt.extract(deb, partial);
        }
        List<String> unresolved = SymlinkRepair.repair(partial);
        if (!unresolved.isEmpty()) {
            Filesystem.deleteTree(partial);
            throw ToolException.failed("lava-server " + version + " links to files this machine lacks: "
                    + String.join(", ", unresolved) + "; run setup, which installs LAVA's dependencies");
        }
        try {
            Files.move(partial, target);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the extracted code to " + target + ": " + e.getMessage(), e);
        }
    }

    private static List<Path> cached(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".deb")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
