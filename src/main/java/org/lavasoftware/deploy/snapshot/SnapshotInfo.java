package org.lavasoftware.deploy.snapshot;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * One line of a listing of a backups directory. {@code summary} is the head of the manifest when
 * it could be read (the cheap check); {@code problem} says why a snapshot is not usable, when it
 * is not. Whether every file still matches is {@link SnapshotVerifier}'s job, on demand.
 */
public record SnapshotInfo(SnapshotId id, Path dir, Snapshot.Format format, ManifestSummary summary, long bytes,
                           boolean latest, String problem) {

    public boolean isUsable() {
        return problem == null;
    }

    /** When the snapshot was started: its manifest says so, or its id does. */
    public Instant created() {
        return summary != null ? summary.created() : id.time();
    }

    public Duration age(Instant now) {
        return Duration.between(created(), now);
    }

    /** The bytes this snapshot added to the disk when it was made: all but the hard-linked media. */
    public long newBytes() {
        return summary != null ? summary.copiedBytes() : bytes;
    }

    /** "full", "incremental on ID", "classic", or "unusable". */
    public String kind() {
        if (problem != null) {
            return "unusable";
        }
        if (format == Snapshot.Format.CLASSIC) {
            return "classic";
        }
        return summary.kind() == Manifest.Kind.FULL ? "full" : "incremental on " + summary.base();
    }
}
