package org.lavasoftware.deploy.snapshot;

import java.nio.file.Path;

/**
 * A snapshot found by a reference ({@link SnapshotResolver}): its directory, the name to show the
 * user, and its format. A classic snapshot has no manifest: its archives are read as they are.
 */
public record Snapshot(Path dir, String name, Format format) {
    public enum Format { MANIFEST, CLASSIC }

    public boolean isClassic() {
        return format == Format.CLASSIC;
    }

    /** The manifest, read in full and checked; a classic snapshot has none. */
    public Manifest manifest() {
        if (isClassic()) {
            throw new IllegalStateException(name + " is a classic snapshot, without a manifest");
        }
        return Manifest.read(dir.resolve(SnapshotLayout.MANIFEST));
    }

    public Path file(String relative) {
        return dir.resolve(relative);
    }

    @Override
    public String toString() {
        return name;
    }
}
