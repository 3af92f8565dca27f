package org.lavasoftware.deploy.snapshot

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import java.time.Clock
import java.time.Instant
import java.time.ZoneOffset
import org.lavasoftware.deploy.engine.Progress

/** Instances' media and snapshots of them, made by hand for the snapshot specs. */
class SnapshotFixtures {
    static final SnapshotMetadata META = new SnapshotMetadata('prod', '0.1.0', '2023.01-2', '15.6')

    /** Writes {@code files} (relative path to content) under {@code media}, each with an mtime in the past. */
    static Path media(Path media, Map<String, String> files) {
        files.each { name, content ->
            Path file = media.resolve(name)
            Files.createDirectories(file.parent)
            Files.writeString(file, content)
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse('2024-01-01T00:00:00Z')))
        }
        Files.createDirectories(media)
        media
    }

    /** A whole backup as the operations will make one: dump, settings and media. */
    static SnapshotId backup(Snapshots backups, Path media, WriterOptions options = WriterOptions.DEFAULT) {
        SnapshotWriter writer = SnapshotWriter.begin(backups, META, options)
        try {
            writer.create(SnapshotLayout.DATABASE).withStream { it << 'PGDMP fake dump' }
            writer.create(SnapshotLayout.ETC).withStream { it << 'not really a tar' }
            writer.storeMedia(writer.planMedia(media), Progress.NONE)
            return writer.commit()
        } finally {
            writer.close()
        }
    }

    static WriterOptions at(String instant) {
        WriterOptions.DEFAULT.withClock(Clock.fixed(Instant.parse(instant), ZoneOffset.UTC))
    }

    /** Every file under {@code dir} by relative path, with its content; links as "-> target". */
    static Map<String, String> tree(Path dir) {
        Map<String, String> files = new TreeMap<>()
        Files.walk(dir).withCloseable { paths ->
            paths.each { Path p ->
                if (Files.isSymbolicLink(p)) {
                    files[dir.relativize(p).toString()] = '-> ' + Files.readSymbolicLink(p)
                } else if (Files.isRegularFile(p)) {
                    files[dir.relativize(p).toString()] = Files.readString(p)
                }
            }
        }
        files
    }

    static String mode(Path p) {
        java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
    }
}
