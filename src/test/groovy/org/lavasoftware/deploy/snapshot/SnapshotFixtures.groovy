package org.lavasoftware.deploy.snapshot

import com.github.luben.zstd.ZstdInputStream
import java.nio.ByteBuffer
import java.nio.charset.CharacterCodingException
import java.nio.charset.StandardCharsets
import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import java.nio.file.attribute.PosixFilePermissions
import java.security.MessageDigest
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

    /** Every file and link under {@code dir} by relative path, as they are on disk (stored media end in .zst). */
    static List<String> paths(Path dir) {
        Files.walk(dir).withCloseable { paths ->
            paths.filter { Files.isSymbolicLink(it) || Files.isRegularFile(it, LinkOption.NOFOLLOW_LINKS) }
                    .collect { dir.relativize(it).toString() }.sort()
        }
    }

    /** Where a snapshot stores the live media file {@code relative}: compressed, as FILE.zst. */
    static Path stored(Path snapshot, String relative) {
        snapshot.resolve("${SnapshotLayout.MEDIA}/${relative}${MediaCompression.SUFFIX}")
    }

    /** The live content a stored media file holds, decompressed as any zstd reader would. */
    static String unzstd(Path stored) {
        new ZstdInputStream(Files.newInputStream(stored)).withCloseable { new String(it.readAllBytes(), StandardCharsets.UTF_8) }
    }

    /** Restores the media of the snapshot in {@code snapshot} into {@code target}, as a restore does. */
    static Path restore(Path snapshot, Path target) {
        MediaRestorer.restore(snapshot.resolve(SnapshotLayout.MEDIA), target, null, Progress.NONE, 2)
        target
    }

    /**
     * Every path under {@code dir} ('.' for itself) with what a restore must give back: type,
     * mode and mtime, a file's content, a link's target.
     */
    static Map<String, String> described(Path dir) {
        Map<String, String> entries = new TreeMap<>()
        Files.walk(dir).withCloseable { paths ->
            paths.each { Path p ->
                String name = p == dir ? '.' : dir.relativize(p).toString()
                if (Files.isSymbolicLink(p)) {
                    entries[name] = 'link -> ' + Files.readSymbolicLink(p)
                } else {
                    String head = "${mode(p)} ${Files.getLastModifiedTime(p)}"
                    entries[name] = Files.isDirectory(p) ? "dir ${head}" : "file ${head} ${content(p)}"
                }
            }
        }
        entries
    }

    /** A file's text, or the SHA-256 of its bytes when they are not text. */
    static String content(Path file) {
        byte[] bytes = Files.readAllBytes(file)
        try {
            StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString()
        } catch (CharacterCodingException ignored) {
            "${bytes.length} bytes, sha256 ${MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex()}"
        }
    }

    static String mode(Path p) {
        PosixFilePermissions.toString(Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS))
    }
}
