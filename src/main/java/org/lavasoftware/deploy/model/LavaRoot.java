package org.lavasoftware.deploy.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The directory all instances and their backups live under ({@code /srv/lava} by default). */
public record LavaRoot(Path path) {
    public static final String DEFAULT = "/srv/lava";

    public LavaRoot {
        path = path.toAbsolutePath().normalize();
    }

    public Path instancesDir() {
        return path.resolve("instances");
    }

    public Path backupsDir() {
        return path.resolve("backups");
    }

    public Path backupsDir(InstanceName name) {
        return backupsDir().resolve(name.value());
    }

    /**
     * The tool's own state: operation journals and locks. Kept outside the instance directories
     * because an install that is rolled back, or a remove, deletes the instance directory while
     * its journal must still record how far that went.
     */
    public Path stateDir() {
        return path.resolve("var/lib/lava-deployment-tool");
    }

    /** The tool's logs, one per instance (and one for setup), readable by people. */
    public Path toolLogDir() {
        return path.resolve("var/log/lava-deployment-tool");
    }

    public Path operationLog(String subject) {
        return toolLogDir().resolve(subject + ".log");
    }

    /** The journal of setup, which acts on the root rather than on an instance. */
    public Path setupJournal() {
        return stateDir().resolve("journal-setup");
    }

    /** The names that have a journal: instances in the middle of an operation, or interrupted. */
    public List<InstanceName> journalNames() {
        Path dir = stateDir().resolve("journal");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<InstanceName> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (InstanceName.isValid(name)) {
                    names.add(InstanceName.of(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        Collections.sort(names);
        return names;
    }

    public Path cacheDir() {
        return path.resolve(".cache");
    }

    /** The record that setup ran, holding the setup version (as the classic tool kept it). */
    public Path setupMarker() {
        return path.resolve(".setup");
    }

    /** Held while an instance is created or removed, so that names and ports are handed out once. */
    public Path lockFile() {
        return stateDir().resolve("locks/root.lock");
    }

    public InstanceLayout instance(InstanceName name) {
        return new InstanceLayout(this, name);
    }

    /** The layout of an instance that must exist; a clear error otherwise. */
    public InstanceLayout existing(InstanceName name) {
        InstanceLayout layout = instance(name);
        if (!layout.exists()) {
            throw org.lavasoftware.deploy.ToolException.badInput("no instance named " + name + " under " + path
                    + "; `lava-deployment-tool list` shows the instances");
        }
        return layout;
    }

    /** The names of the instance directories, sorted; directories with invalid names are skipped. */
    public List<InstanceName> instanceNames() {
        Path dir = instancesDir();
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<InstanceName> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (InstanceName.isValid(name)) {
                    names.add(InstanceName.of(name));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        Collections.sort(names);
        return names;
    }
}
