package org.lavasoftware.deploy.engine.operations.convert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.io.AtomicFile;

/**
 * What a conversion keeps for its way back, in files (an undo after a crash needs it as much as
 * one right after a failure): copies of the files it changes (or that they were absent), and the
 * paths it made. Removed once the conversion is done.
 */
final class ConvertState {
    private static final String ABSENT = ".absent";
    private final Path dir;

    ConvertState(Path dir) {
        this.dir = dir;
    }

    Path dir() {
        return dir;
    }

    /** Keeps {@code file} as it is now under {@code key}, unless it was kept already (a step run again). */
    void keep(String key, Path file) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        if (Files.exists(dir.resolve(key)) || Files.exists(dir.resolve(key + ABSENT))) {
            return;
        }
        if (Files.exists(file)) {
            Files.copy(file, dir.resolve(key + ".part"), StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            Files.move(dir.resolve(key + ".part"), dir.resolve(key), StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.writeString(dir.resolve(key + ABSENT), file + "\n");
        }
    }

    /** Puts {@code file} back as {@link #keep} found it; nothing when it was never kept. True when it had changed. */
    boolean restore(String key, Path file) throws IOException {
        if (Files.exists(dir.resolve(key + ABSENT))) {
            return Files.deleteIfExists(file);
        }
        if (Files.exists(dir.resolve(key))) {
            if (Files.exists(file) && Files.mismatch(file, dir.resolve(key)) == -1) {
                return false;
            }
            Path temporary = file.resolveSibling("." + file.getFileName() + ".restore");
            Files.copy(dir.resolve(key), temporary, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        }
        return false;
    }

    /** Whether {@link #restore} would change {@code file}. */
    boolean differs(String key, Path file) throws IOException {
        if (Files.exists(dir.resolve(key + ABSENT))) {
            return Files.exists(file);
        }
        return Files.exists(dir.resolve(key)) && (!Files.exists(file) || Files.mismatch(file, dir.resolve(key)) != -1);
    }

    /** Records that the conversion made {@code path} (a file or a tree), for {@link #removeMade}. */
    void made(String list, Path path) throws IOException {
        Files.createDirectories(dir);
        List<String> lines = new ArrayList<>(madeIn(list).stream().map(Path::toString).toList());
        lines.add(path.toString());
        AtomicFile.write(dir.resolve(list + ".made"), String.join("\n", lines) + "\n", "rw-------");
    }

    List<Path> madeIn(String list) {
        Path file = dir.resolve(list + ".made");
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Path::of).toList()
                    : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes what {@link #made} recorded, the last made first. */
    void removeMade(String list) throws IOException {
        List<Path> made = new ArrayList<>(madeIn(list));
        java.util.Collections.reverse(made);
        made.forEach(Filesystem::deleteTree);
        Files.deleteIfExists(dir.resolve(list + ".made"));
    }

    void forget() {
        Filesystem.deleteTree(dir);
    }
}
