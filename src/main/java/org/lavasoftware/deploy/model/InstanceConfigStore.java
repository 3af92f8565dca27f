package org.lavasoftware.deploy.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.lavasoftware.deploy.io.AtomicFile;

/** Reads and writes {@code instance.conf}: evolved on read, written atomically and private. */
public final class InstanceConfigStore {
    public static final String MODE = "rw-------";

    /** A configuration as read, with the evolutions that were applied to it in memory. */
    public record Loaded(InstanceConfig config, Path file, List<String> evolutions) {
        public boolean needsSaving() {
            return !evolutions.isEmpty();
        }
    }

    private InstanceConfigStore() {
    }

    public static Loaded load(InstanceLayout layout) {
        Path file = Files.exists(layout.configFile()) ? layout.configFile()
                : Files.exists(layout.legacyConfigFile()) ? layout.legacyConfigFile() : null;
        InstanceConfig config;
        if (file == null) {
            config = InstanceConfig.legacy(layout.name());
        } else {
            config = new InstanceConfig(layout.name(), ShellAssignments.parse(read(file), file.toString()));
        }
        List<String> applied = ConfigEvolutions.evolve(config);
        return new Loaded(config, file, applied);
    }

    public static void save(InstanceLayout layout, InstanceConfig config) {
        AtomicFile.write(layout.configFile(), config.toFileText(), MODE);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
