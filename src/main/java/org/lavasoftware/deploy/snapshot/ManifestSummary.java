package org.lavasoftware.deploy.snapshot;

import java.time.Instant;

/**
 * The head of a manifest: everything but the list of files, with the totals of that list. A
 * listing of many snapshots reads only this, which costs the same for a snapshot of ten files as
 * for one of a million.
 */
public record ManifestSummary(SnapshotMetadata metadata, Instant created, Manifest.Kind kind, SnapshotId base,
                              long files, long bytes, long copiedBytes) {
}
