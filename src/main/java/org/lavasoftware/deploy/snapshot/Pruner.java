package org.lavasoftware.deploy.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.InstanceLock;
import org.lavasoftware.deploy.io.AtomicFile;

/**
 * Removes old snapshots. Media shared between snapshots are hard links, one inode with a name in
 * each: removing a snapshot removes its names, and every other snapshot keeps whole files. So any
 * snapshot can go without breaking another; only the one {@code latest} points to is kept always.
 */
public final class Pruner {
    private final Snapshots snapshots;
    private final Duration lockWait;

    public Pruner(Snapshots snapshots, Duration lockWait) {
        this.snapshots = snapshots;
        this.lockWait = lockWait;
    }

    /** The snapshots {@link #keepNewest} would remove, oldest first, for a plan or a dry run. */
    public List<SnapshotId> wouldRemove(int keep) {
        if (keep < 1) {
            throw ToolException.badInput("keep must be at least 1, not " + keep + ": pruning never removes every snapshot");
        }
        List<SnapshotId> ids = snapshots.ids();
        Optional<SnapshotId> latest = snapshots.latest();
        List<SnapshotId> remove = new ArrayList<>();
        for (int i = 0; i < ids.size() - keep; i++) {
            if (latest.isEmpty() || !latest.get().equals(ids.get(i))) {
                remove.add(ids.get(i));
            }
        }
        return remove;
    }

    /** Keeps the {@code keep} newest snapshots and the latest one; returns the ids removed, oldest first. */
    public List<SnapshotId> keepNewest(int keep) {
        try (InstanceLock held = snapshots.lock("pruning of snapshots", lockWait)) {
            List<SnapshotId> removed = wouldRemove(keep);
            for (SnapshotId id : removed) {
                delete(id);
            }
            return removed;
        }
    }

    /** Removes one snapshot; refuses the one {@code latest} points to. */
    public void remove(SnapshotId id) {
        try (InstanceLock held = snapshots.lock("removal of snapshot " + id, lockWait)) {
            if (!snapshots.ids().contains(id)) {
                throw ToolException.badInput("no snapshot " + id + " in " + snapshots.dir());
            }
            if (snapshots.latest().map(id::equals).orElse(false)) {
                throw ToolException.badInput("snapshot " + id + " is the latest; it is kept until a newer one is made");
            }
            delete(id);
        }
    }

    /**
     * Removes one snapshot the caller chose, under the snapshots' lock, whatever an earlier,
     * killed removal of it left: the snapshot, its {@code .ID.pruning} remains, or nothing.
     */
    public void removeChosen(SnapshotId id) {
        try (InstanceLock held = snapshots.lock("removal of snapshot " + id, lockWait)) {
            delete(id);
        }
    }

    /**
     * First renamed out of the way in one step, then deleted: a prune killed half-way leaves a
     * {@code .ID.pruning} directory for the clean-up, never a snapshot with files missing.
     */
    private void delete(SnapshotId id) {
        Path doomed = snapshots.dir().resolve(SnapshotLayout.pruningName(id));
        try {
            if (Files.exists(snapshots.pathOf(id))) {
                Files.move(snapshots.pathOf(id), doomed, StandardCopyOption.ATOMIC_MOVE);
                AtomicFile.syncDirectory(snapshots.dir());
            }
            Trees.delete(doomed);
        } catch (IOException e) {
            throw ToolException.failed("cannot remove snapshot " + id + ": " + IoErrors.describe(e), e);
        }
    }
}
