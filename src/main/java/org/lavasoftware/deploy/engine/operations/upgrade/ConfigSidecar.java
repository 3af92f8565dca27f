package org.lavasoftware.deploy.engine.operations.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lavasoftware.deploy.io.AtomicFile;
import org.lavasoftware.deploy.model.InstanceConfigStore;

/**
 * instance.conf as it was before an operation rewrote it, for the undo of that rewrite. It holds
 * LAVA_DB_PASSWORD, so it is never a fact of the journal: a private (0600) copy beside the
 * journals, kept before the rewrite, put back by the undo, removed once the operation is done.
 * A marker file says that there was no instance.conf to keep.
 */
final class ConfigSidecar {
    private final Path config;
    private final Path kept;
    private final Path absent;

    ConfigSidecar(Path config, Path kept) {
        this.config = config;
        this.kept = kept;
        this.absent = kept.resolveSibling(kept.getFileName() + ".absent");
    }

    /** Keeps instance.conf as it is now, replacing what an earlier run may have left. */
    void keep() throws IOException {
        Files.createDirectories(kept.getParent());
        if (Files.exists(config)) {
            AtomicFile.write(kept, Files.readAllBytes(config), InstanceConfigStore.MODE);
            Files.deleteIfExists(absent);
        } else {
            AtomicFile.write(absent, config + "\n", InstanceConfigStore.MODE);
            Files.deleteIfExists(kept);
        }
    }

    /**
     * Puts instance.conf back as {@link #keep} found it, then forgets it; nothing when nothing was
     * kept (the rewrite never started, or this undo ran already).
     */
    void restore() throws IOException {
        if (Files.exists(kept)) {
            AtomicFile.write(config, Files.readAllBytes(kept), InstanceConfigStore.MODE);
        } else if (Files.exists(absent)) {
            Files.deleteIfExists(config);
        }
        forget();
    }

    void forget() {
        try {
            Files.deleteIfExists(kept);
            Files.deleteIfExists(absent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + kept + ": " + e.getMessage(), e);
        }
    }
}
