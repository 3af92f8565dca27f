package org.lavasoftware.deploy.snapshot

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.engine.Progress

/**
 * Child process for the crash specs: writes a snapshot of a media directory and, on reaching the
 * named stage, signals through a file and waits to be killed. Args: BACKUPS MEDIA STAGE SIGNAL.
 * Media files are compressed by several threads at once: the first to reach the stage signals,
 * and every thread that reaches it waits there.
 */
class WriteSnapshotMain {
    static void main(String[] args) {
        Path backups = Path.of(args[0])
        Path media = Path.of(args[1])
        String stopAt = args[2]
        Path signal = Path.of(args[3])
        def checkpoint = { String stage ->
            if (stage.startsWith(stopAt)) {
                synchronized (WriteSnapshotMain) {
                    if (!Files.exists(signal)) {
                        Files.writeString(signal, stage)
                    }
                }
                Thread.sleep(Long.MAX_VALUE)
            }
        } as SnapshotWriter.Checkpoint
        def writer = SnapshotWriter.begin(new Snapshots(backups), SnapshotFixtures.META, WriterOptions.DEFAULT, checkpoint)
        writer.create(SnapshotLayout.DATABASE).withStream { it << 'PGDMP second dump' }
        writer.storeMedia(writer.planMedia(media), Progress.NONE)
        writer.commit()
        Files.writeString(signal, 'finished')
        Thread.sleep(Long.MAX_VALUE)
    }
}
