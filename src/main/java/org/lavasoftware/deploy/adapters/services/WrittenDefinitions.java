package org.lavasoftware.deploy.adapters.services;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The service definitions the tool wrote into a service manager's directory, for any root on the
 * machine: recognised by the marker line the tool starts each one with, never by name alone.
 */
final class WrittenDefinitions {
    private WrittenDefinitions() {
    }

    /** The values of {@code key} (e.g. {@code directory=}) in the files of {@code dir} matching {@code glob}. */
    static List<Path> directories(Path dir, String glob, String marker, String key) {
        Set<Path> found = new LinkedHashSet<>();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, glob)) {
            for (Path file : files) {
                List<String> lines = readable(file);
                if (lines.isEmpty() || !lines.get(0).startsWith(marker)) {
                    continue;
                }
                for (String line : lines) {
                    if (line.startsWith(key) && line.length() > key.length()) {
                        found.add(Path.of(line.substring(key.length()).strip()));
                    }
                }
            }
        } catch (IOException e) {
            // a directory that cannot be listed names no instance this could learn about
            return List.of();
        }
        return List.copyOf(found);
    }

    /** Whether {@code file} has a line {@code key}{@code dir}: a definition of the instance in that directory. */
    static boolean names(Path file, String key, Path dir) {
        return readable(file).stream().anyMatch(line -> line.startsWith(key)
                && Path.of(line.substring(key.length()).strip()).equals(dir));
    }

    private static List<String> readable(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
