package org.lavasoftware.deploy.snapshot

import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path
import java.nio.file.StandardOpenOption
import java.nio.file.attribute.FileTime
import java.nio.file.attribute.PosixFilePermissions
import java.time.Instant
import java.util.concurrent.atomic.AtomicLong
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.Progress
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Requires
import spock.lang.Specification

import static org.lavasoftware.deploy.snapshot.SnapshotFixtures.mode

/** A snapshot's compressed media made a live media directory again. */
class MediaRestorerSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    Path media
    Snapshots backups

    def setup() {
        media = SnapshotFixtures.media(dir.resolve('media'), [
                'job-output/1/output.yaml': '- {"lvl": "info", "msg": "start"}\n' * 2000,
                'job-output/1/description.yaml': 'device: qemu-01',
                'job-output/2/empty.log': ''])
        Files.write(media.resolve('job-output/2/vmlinuz'), MediaCompressionSpec.binary(Sha256.CHUNK * 2 + 3))
        Files.setPosixFilePermissions(media.resolve('job-output/1/description.yaml'), PosixFilePermissions.fromString('r--------'))
        Files.setPosixFilePermissions(media.resolve('job-output/2'), PosixFilePermissions.fromString('rwxr-x---'))
        Files.setLastModifiedTime(media.resolve('job-output/2/vmlinuz'), FileTime.from(Instant.parse('2023-12-24T18:00:00.5Z')))
        Files.createSymbolicLink(media.resolve('latest'), Path.of('job-output/2'))
        backups = new Snapshots(dir.resolve('backups/prod'))
    }

    Path snapshot() {
        backups.pathOf(SnapshotFixtures.backup(backups, media))
    }

    def "every file comes back byte for byte with its mode and mtime, links and directories with theirs (#threads at a time)"() {
        given:
        Path stored = snapshot().resolve('media')
        def expected = SnapshotFixtures.described(media)
        def restoredBytes = new AtomicLong()

        when:
        MediaRestorer.restore(stored, dir.resolve('restored'), null, [advance: { long n -> restoredBytes.addAndGet(n) }, close: { }] as Progress, threads)
        Path restored = dir.resolve('restored')

        then: 'the same tree: content, modes and mtimes of files and directories, link targets'
        SnapshotFixtures.described(restored) == expected
        SnapshotFixtures.paths(restored) == ['job-output/1/description.yaml', 'job-output/1/output.yaml', 'job-output/2/empty.log',
                                             'job-output/2/vmlinuz', 'latest']
        Files.readAllBytes(restored.resolve('job-output/2/vmlinuz')) == Files.readAllBytes(media.resolve('job-output/2/vmlinuz'))
        Files.size(restored.resolve('job-output/2/empty.log')) == 0
        mode(restored.resolve('job-output/1/description.yaml')) == 'r--------'
        mode(restored.resolve('job-output/2')) == 'rwxr-x---'
        Files.getLastModifiedTime(restored.resolve('job-output/2/vmlinuz')) == FileTime.from(Instant.parse('2023-12-24T18:00:00.5Z'))
        Files.readSymbolicLink(restored.resolve('latest')) == Path.of('job-output/2')

        and: 'the progress counts the bytes restored'
        restoredBytes.get() == Files.walk(media).withCloseable { s ->
            s.filter { Files.isRegularFile(it, LinkOption.NOFOLLOW_LINKS) }.mapToLong { Files.size(it) }.sum() }

        and: 'the snapshot is left as it was'
        new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(stored.parent, Progress.NONE).ok()

        where:
        threads << [1, 4]
    }

    @Requires({ UnixAttributes.ROOT })
    def "run as root, everything restored belongs to the instance's user"() {
        given:
        Path stored = snapshot().resolve('media')

        when:
        MediaRestorer.restore(stored, dir.resolve('restored'), new Ownership(4321, 8765), Progress.NONE, 2)

        then:
        Files.walk(dir.resolve('restored')).withCloseable { s -> s.toList() }.every {
            Files.getAttribute(it, 'unix:uid', LinkOption.NOFOLLOW_LINKS) == 4321 &&
                    Files.getAttribute(it, 'unix:gid', LinkOption.NOFOLLOW_LINKS) == 8765
        }
    }

    def "the restored directory is owner-only while it fills, whatever the modes it ends with"() {
        given:
        Path stored = snapshot().resolve('media')
        Path target = dir.resolve('restored')
        Set<String> seen = Collections.synchronizedSet(new HashSet<String>())
        def progress = [advance: { long n -> seen << mode(target) }, close: { }] as Progress

        when:
        MediaRestorer.restore(stored, target, null, progress, 2)

        then:
        seen == ['rwx------'] as Set
        mode(target) == mode(media)
    }

    def "a link that leads outside the media is refused, and nothing of the restore is kept"() {
        given: 'a snapshot whose media has a link climbing out of it (made by hand: the target exists in this spec only)'
        Path snapshot = snapshot()
        Path stored = snapshot.resolve('media')
        Files.createSymbolicLink(stored.resolve('job-output/1/up'), Path.of('../../../outside'))
        Path target = dir.resolve('a/b/restored')
        Files.createDirectories(target.parent)

        when:
        MediaRestorer.restore(stored, target, null, Progress.NONE, 2)

        then:
        def e = thrown(ToolException)
        e.message == "refusing to restore ${stored}: job-output/1/up is a link that leads outside the media; nothing of it was kept"
        !Files.exists(target, LinkOption.NOFOLLOW_LINKS)
    }

    def "a stored file that fails zstd's check fails the restore, and nothing of it is kept"() {
        given:
        Path stored = snapshot().resolve('media')
        Path zst = stored.resolve('job-output/1/output.yaml.zst')
        FileChannel.open(zst, StandardOpenOption.READ, StandardOpenOption.WRITE).withCloseable { channel ->
            long at = channel.size().intdiv(2)
            def one = ByteBuffer.allocate(1)
            channel.read(one, at)
            channel.write(ByteBuffer.wrap([(byte) (one.get(0) ^ 0x01)] as byte[]), at)
        }
        Path target = dir.resolve('restored')

        when:
        MediaRestorer.restore(stored, target, null, Progress.NONE, 2)

        then:
        def e = thrown(UncheckedIOException)
        e.message.startsWith("cannot restore the media into ${target}: ")
        !Files.exists(target, LinkOption.NOFOLLOW_LINKS)
    }

    def "an existing directory is never restored into, nor removed"() {
        given:
        Path stored = snapshot().resolve('media')
        Path target = Files.createDirectories(dir.resolve('restored'))
        Files.writeString(target.resolve('kept'), 'kept')

        when:
        MediaRestorer.restore(stored, target, null, Progress.NONE, 2)

        then:
        def e = thrown(UncheckedIOException)
        e.message == "cannot restore the media into ${target}: ${target} already exists"
        Files.readString(target.resolve('kept')) == 'kept'
        SnapshotFixtures.paths(target) == ['kept']
    }
}
