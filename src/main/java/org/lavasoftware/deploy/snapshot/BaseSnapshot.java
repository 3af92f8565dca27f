package org.lavasoftware.deploy.snapshot;

import java.nio.file.Path;
import java.util.Map;

/** The snapshot a new one links its unchanged media to, with its manifest by path. */
record BaseSnapshot(SnapshotId id, Path dir, Map<String, ManifestEntry> files) {
}
