package org.lavasoftware.deploy.engine.operations.convert;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * The classic pip-based layout: a virtualenv at the instance's root ({@code bin/python},
 * {@code lib/python3.X/site-packages}, usually {@code pyvenv.cfg}, {@code include/}, {@code lib64},
 * {@code src/} for pip's checkouts), beside the instance's own files.
 */
public final class LegacyTree {
    private final Path dir;

    private LegacyTree(Path dir) {
        this.dir = dir;
    }

    /** The instance's venv, when it has one at its root. */
    public static Optional<LegacyTree> of(InstanceLayout layout) {
        LegacyTree tree = new LegacyTree(layout.dir());
        return Files.isExecutable(tree.python()) && tree.sitePackages().isPresent() ? Optional.of(tree) : Optional.empty();
    }

    /** The venv's place, whether or not it is (still) there: what a conversion being finished removes. */
    public static LegacyTree at(InstanceLayout layout) {
        return new LegacyTree(layout.dir());
    }

    /** The directory of the venv: the instance's. */
    public Path venv() {
        return dir;
    }

    public Path python() {
        return dir.resolve("bin/python");
    }

    public Optional<Path> sitePackages() {
        Path lib = dir.resolve("lib");
        if (!Files.isDirectory(lib)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(lib)) {
            return versions.filter(p -> p.getFileName().toString().startsWith("python3"))
                    .map(p -> p.resolve("site-packages")).filter(Files::isDirectory).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + lib + ": " + e.getMessage(), e);
        }
    }

    /** Where the checkouts of pip's editable installs went, and where the conversion copies them. */
    public Path src() {
        return dir.resolve("src");
    }

    /**
     * The venv's files, what the conversion removes once the converted instance serves: its
     * interpreter, pip and activation scripts in bin/ (and any script run by the venv's
     * interpreter), lib/, lib64, include/, src/, share/ and pyvenv.cfg. The instance's own
     * bin/lava-env and bin/lava-server (shell scripts) stay.
     */
    public List<Path> parts() {
        List<Path> parts = new ArrayList<>();
        Path bin = dir.resolve("bin");
        if (Files.isDirectory(bin)) {
            try (Stream<Path> entries = Files.list(bin)) {
                entries.filter(this::ofVenv).sorted().forEach(parts::add);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + bin + ": " + e.getMessage(), e);
            }
        }
        for (String name : List.of("lib", "lib64", "include", "src", "share", "pyvenv.cfg")) {
            Path p = dir.resolve(name);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                parts.add(p);
            }
        }
        return parts;
    }

    private boolean ofVenv(Path entry) {
        String name = entry.getFileName().toString();
        if (name.matches("python[0-9.]*|pip[0-9.]*|easy_install.*|wheel|activate.*|Activate\\.ps1")) {
            return true;
        }
        return Files.isRegularFile(entry) && shebang(entry).startsWith("#!" + dir.resolve("bin/python"));
    }

    private static String shebang(Path file) {
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            String line = in.readLine();
            return line == null ? "" : line;
        } catch (IOException e) {
            return "";
        }
    }
}
