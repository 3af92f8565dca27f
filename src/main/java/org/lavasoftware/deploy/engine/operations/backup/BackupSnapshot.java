package org.lavasoftware.deploy.engine.operations.backup;

import org.lavasoftware.deploy.engine.PlanFacts;
import org.lavasoftware.deploy.snapshot.SnapshotId;
import org.lavasoftware.deploy.snapshot.SnapshotMetadata;
import org.lavasoftware.deploy.snapshot.SnapshotWriter;
import org.lavasoftware.deploy.snapshot.Snapshots;
import org.lavasoftware.deploy.snapshot.WriterOptions;

/**
 * The snapshot a backup writes, from its first step to its last, and how it is thrown away when
 * the backup fails (a full disk) or a recovery undoes it. Its id, chosen from the clock when the
 * first step runs, is journaled (fact {@value #ID}) before anything is written under it: a
 * recovery's plan has no writer, and finds the snapshot by that name.
 */
final class BackupSnapshot {
    static final String ID = "snapshot-id";

    private final Snapshots backups;
    private final PlanFacts facts;
    private SnapshotWriter writer;

    BackupSnapshot(Snapshots backups, PlanFacts facts) {
        this.backups = backups;
        this.facts = facts;
    }

    SnapshotWriter begin(SnapshotMetadata metadata, WriterOptions options) {
        writer = SnapshotWriter.begin(backups, metadata, options, id -> facts.record(ID, id.toString()));
        return writer;
    }

    SnapshotWriter writer() {
        return writer;
    }

    /**
     * Leaves the backups directory as it was before the backup, from wherever the backup got to,
     * and again after that: the writer (if this process has one) closed, which deletes what it
     * wrote; the snapshot of the journaled id removed unless {@code latest} points to it (then it
     * is complete and checked, and stays); what dead writers left ({@code .partial},
     * {@code .latest.new}) removed.
     */
    void discard() {
        if (writer != null) {
            writer.close();
        }
        String id = facts.text(ID, () -> null);
        if (id != null) {
            backups.discardUnfinished(SnapshotId.parse(id));
        }
        backups.cleanupPartials();
    }
}
