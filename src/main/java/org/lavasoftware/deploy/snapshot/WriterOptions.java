package org.lavasoftware.deploy.snapshot;

import java.time.Clock;
import java.time.Duration;

/**
 * How a {@link SnapshotWriter} works. {@code lockWait}: how long to wait for another holder of
 * the backups directory. {@code full}: copy all media instead of linking to the previous
 * snapshot, which starts a fresh set of inodes (worth it now and then: a linked file is one copy
 * on disk, however many snapshots name it). {@code verifyFully}: before {@code latest} moves,
 * re-read every file against the manifest instead of checking presence and sizes.
 */
public record WriterOptions(Duration lockWait, boolean full, boolean verifyFully, Clock clock) {
    public static final WriterOptions DEFAULT = new WriterOptions(Duration.ZERO, false, false, Clock.systemUTC());

    public WriterOptions withLockWait(Duration wait) {
        return new WriterOptions(wait, full, verifyFully, clock);
    }

    public WriterOptions withFull(boolean value) {
        return new WriterOptions(lockWait, value, verifyFully, clock);
    }

    public WriterOptions withVerifyFully(boolean value) {
        return new WriterOptions(lockWait, full, value, clock);
    }

    public WriterOptions withClock(Clock value) {
        return new WriterOptions(lockWait, full, verifyFully, value);
    }
}
