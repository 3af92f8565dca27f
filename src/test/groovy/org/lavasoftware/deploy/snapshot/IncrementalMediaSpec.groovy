package org.lavasoftware.deploy.snapshot

import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardOpenOption
import java.nio.file.attribute.FileTime
import java.nio.file.attribute.PosixFilePermissions
import java.time.Duration
import java.time.Instant
import java.util.concurrent.atomic.AtomicLong
import org.lavasoftware.deploy.engine.Progress
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

import static org.lavasoftware.deploy.snapshot.SnapshotFixtures.stored
import static org.lavasoftware.deploy.snapshot.SnapshotFixtures.unzstd

class IncrementalMediaSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    Path media
    Snapshots backups

    def setup() {
        media = SnapshotFixtures.media(dir.resolve('media'), [
                'job-output/1/output.yaml': 'x' * 5000,
                'job-output/2/output.yaml': 'y' * 7000,
                'job-output/2/description.yaml': 'device: qemu'])
        backups = new Snapshots(dir.resolve('backups/prod'))
    }

    static long links(Path file) {
        Files.getAttribute(file, 'unix:nlink') as long
    }

    def "a second backup stores only the new and changed media; unchanged files are links to the first"() {
        given:
        def first = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-01T00:00:00Z'))
        SnapshotFixtures.media(media, ['job-output/3/output.yaml': 'z' * 3000])
        Path grown = media.resolve('job-output/2/output.yaml')
        Files.writeString(grown, 'appended', StandardOpenOption.APPEND)

        when:
        SnapshotWriter writer = SnapshotWriter.begin(backups, SnapshotFixtures.META, SnapshotFixtures.at('2024-05-02T00:00:00Z'))
        def plan = writer.planMedia(media)
        // the copies are compressed in parallel: the progress is advanced from several threads
        def progressed = new AtomicLong()
        writer.storeMedia(plan, [advance: { long n -> progressed.addAndGet(n) }, close: { }] as Progress)
        writer.create('database.dump').close()
        def second = writer.commit()
        Path a = backups.pathOf(first)
        Path b = backups.pathOf(second)

        then: 'the plan knew it before a byte moved, and the progress counted only the bytes read for the copies'
        plan.base().get() == first
        plan.filesToLink() == 2
        plan.filesToCopy() == 2
        plan.bytesToCopy() == 3000 + 7008
        plan.bytesToLink() == 5000 + 'device: qemu'.length()
        progressed.get() == plan.bytesToCopy()

        and: 'unchanged files are the same stored inode in both snapshots'
        Files.isSameFile(stored(a, 'job-output/1/output.yaml'), stored(b, 'job-output/1/output.yaml'))
        Files.isSameFile(stored(a, 'job-output/2/description.yaml'), stored(b, 'job-output/2/description.yaml'))
        links(stored(b, 'job-output/1/output.yaml')) == 2
        links(stored(b, 'job-output/2/description.yaml')) == 2

        and: 'new and grown files are compressed copies of their own'
        links(stored(b, 'job-output/3/output.yaml')) == 1
        links(stored(b, 'job-output/2/output.yaml')) == 1
        !Files.isSameFile(stored(a, 'job-output/2/output.yaml'), stored(b, 'job-output/2/output.yaml'))
        unzstd(stored(b, 'job-output/2/output.yaml')) == 'y' * 7000 + 'appended'
        unzstd(stored(a, 'job-output/2/output.yaml')) == 'y' * 7000
        unzstd(stored(b, 'job-output/3/output.yaml')) == 'z' * 3000
        SnapshotFixtures.paths(b.resolve('media')) == ['job-output/1/output.yaml.zst', 'job-output/2/description.yaml.zst',
                                                       'job-output/2/output.yaml.zst', 'job-output/3/output.yaml.zst']

        and: 'the manifest says which, with the stored size and hash of every file and the size it has live'
        def manifest = Manifest.read(b.resolve('manifest.json'))
        def before = Manifest.read(a.resolve('manifest.json')).byPath()
        def entries = manifest.byPath()
        manifest.kind() == Manifest.Kind.INCREMENTAL
        manifest.base() == first
        manifest.files().findAll { it.linked() }*.path() == ['media/job-output/1/output.yaml.zst', 'media/job-output/2/description.yaml.zst']
        manifest.files().findAll { it.linked() }.every { it == before[it.path()].with { e ->
            ManifestEntry.media(e.path(), e.size(), e.sha256(), e.mtime(), true, e.sourceSize()) } }
        entries['media/job-output/1/output.yaml.zst'].sourceSize() == 5000
        entries['media/job-output/2/output.yaml.zst'].sourceSize() == 7008
        entries['media/job-output/3/output.yaml.zst'].sourceSize() == 3000
        entries['media/job-output/2/description.yaml.zst'].sourceSize() == 'device: qemu'.length()
        entries['media/job-output/2/output.yaml.zst'].mtime() == Files.getLastModifiedTime(grown).toInstant()
        manifest.files().findAll { it.path().startsWith('media/') }.every {
            it.size() == Files.size(b.resolve(it.path())) }
        manifest.summary().copiedBytes() == Files.size(stored(b, 'job-output/2/output.yaml')) +
                Files.size(stored(b, 'job-output/3/output.yaml')) + 0
        manifest.files().every { it.sha256() ==~ /[0-9a-f]{64}/ }
        new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(b, Progress.NONE).ok()
    }

    def "a file whose content changed but kept its size is copied, because its mtime moved"() {
        given:
        def first = SnapshotFixtures.backup(backups, media)
        Path file = media.resolve('job-output/1/output.yaml')
        Files.writeString(file, 'w' * 5000)
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse('2024-01-01T00:00:01Z')))

        when:
        def second = SnapshotFixtures.backup(backups, media)

        then:
        !Files.isSameFile(stored(backups.pathOf(first), 'job-output/1/output.yaml'), stored(backups.pathOf(second), 'job-output/1/output.yaml'))
        unzstd(stored(backups.pathOf(second), 'job-output/1/output.yaml')) == 'w' * 5000
        unzstd(stored(backups.pathOf(first), 'job-output/1/output.yaml')) == 'x' * 5000
    }

    def "a file whose mode changed is copied, since a link would share the old mode"() {
        given:
        def first = SnapshotFixtures.backup(backups, media)
        String was = SnapshotFixtures.mode(media.resolve('job-output/1/output.yaml'))
        Files.setPosixFilePermissions(media.resolve('job-output/1/output.yaml'), [] as Set)

        when:
        def second = SnapshotFixtures.backup(backups, media)

        then:
        SnapshotFixtures.mode(stored(backups.pathOf(second), 'job-output/1/output.yaml')) == '---------'
        was != '---------'
        SnapshotFixtures.mode(stored(backups.pathOf(first), 'job-output/1/output.yaml')) == was
        !Files.isSameFile(stored(backups.pathOf(first), 'job-output/1/output.yaml'), stored(backups.pathOf(second), 'job-output/1/output.yaml'))
        SnapshotFixtures.mode(restored(second).resolve('job-output/1/output.yaml')) == '---------'
    }

    def "pruning the first snapshot leaves the second whole: it verifies and restores on its own"() {
        given:
        def first = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-01T00:00:00Z'))
        SnapshotFixtures.media(media, ['job-output/3/output.yaml': 'new'])
        def second = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-02T00:00:00Z'))
        def expected = SnapshotFixtures.described(media)

        when:
        def removed = new Pruner(backups, Duration.ZERO).keepNewest(1)

        then:
        removed == [first]
        backups.ids() == [second]
        links(stored(backups.pathOf(second), 'job-output/1/output.yaml')) == 1
        links(stored(backups.pathOf(second), 'job-output/2/description.yaml')) == 1
        new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(backups.pathOf(second), Progress.NONE).ok()

        and: 'the restore gives back every file, with its content, mode and mtime, and every directory'
        SnapshotFixtures.described(restored(second)) == expected
    }

    def "removing the second snapshot leaves the first whole, with the media it had"() {
        given:
        def first = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-01T00:00:00Z'))
        def expected = SnapshotFixtures.described(media)
        SnapshotFixtures.media(media, ['job-output/3/output.yaml': 'new'])
        def second = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-02T00:00:00Z'))

        when: 'the latest cannot be pruned, so it goes the way a user would remove it by hand'
        Trees.delete(backups.pathOf(second))

        then:
        links(stored(backups.pathOf(first), 'job-output/1/output.yaml')) == 1
        new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(backups.pathOf(first), Progress.NONE).ok()
        SnapshotFixtures.described(restored(first)) == expected
    }

    def "a base copy #what since its backup is not linked to: the new snapshot copies afresh"() {
        given:
        def first = SnapshotFixtures.backup(backups, media)
        Path base = stored(backups.pathOf(first), 'job-output/1/output.yaml')
        damage(base)

        when:
        def second = SnapshotFixtures.backup(backups, media)
        Path copy = stored(backups.pathOf(second), 'job-output/1/output.yaml')

        then:
        !Files.isSameFile(base, copy)
        unzstd(copy) == 'x' * 5000
        !Manifest.read(backups.pathOf(second).resolve('manifest.json')).byPath()['media/job-output/1/output.yaml.zst'].linked()
        new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(backups.pathOf(second), Progress.NONE).ok()

        where:
        what                                   | damage
        'rewritten'                            | { Path f -> Files.writeString(f, 'damaged') }
        'truncated, its mtime put back'        | { Path f -> keepingMtime(f) { FileChannel.open(f, StandardOpenOption.WRITE).withCloseable { it.truncate(Files.size(f) - 3) } } }
        'grown, its mtime put back'            | { Path f -> keepingMtime(f) { Files.write(f, [0] as byte[], StandardOpenOption.APPEND) } }
    }

    def "a media tree wider than the work handed to one thread is linked whole, directory attributes included"() {
        given: 'hundreds of job directories with files and a read-only directory: every level is shared among threads'
        def files = [:]
        (1..300).each { int job ->
            files["job-output/2024/05/${job % 30}/${job}/output.yaml".toString()] = "log of job ${job}\n" * job
            files["job-output/2024/05/${job % 30}/${job}/job.yaml".toString()] = "job ${job}"
        }
        SnapshotFixtures.media(media, files)
        Files.setPosixFilePermissions(media.resolve('job-output/2024/05/7'), PosixFilePermissions.fromString('r-xr-x---'))
        def first = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-01T00:00:00Z'))
        def expected = SnapshotFixtures.described(media)

        when:
        SnapshotWriter writer = SnapshotWriter.begin(backups, SnapshotFixtures.META, SnapshotFixtures.at('2024-05-02T00:00:00Z'))
        def plan = writer.planMedia(media)
        writer.storeMedia(plan, Progress.NONE)
        writer.create('database.dump').close()
        def second = writer.commit()
        writer.close()

        then: 'every file is a link to the first snapshot, and the second restores to the media as they are'
        plan.filesToLink() == 603
        plan.filesToCopy() == 0
        files.keySet().every { Files.isSameFile(stored(backups.pathOf(first), it), stored(backups.pathOf(second), it)) }
        new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(backups.pathOf(second), Progress.NONE).ok()
        SnapshotFixtures.described(restored(second)) == expected
        SnapshotFixtures.mode(backups.pathOf(second).resolve('media/job-output/2024/05/7')) == 'r-xr-x---'
    }

    static void keepingMtime(Path file, Closure change) {
        def mtime = Files.getLastModifiedTime(file)
        change()
        Files.setLastModifiedTime(file, mtime)
    }

    def "links and empty directories in the media are kept as they are; only files are compressed"() {
        given:
        Files.createSymbolicLink(media.resolve('current'), Path.of('job-output/2'))
        Files.createSymbolicLink(media.resolve('job-output/2/log.zst'), Path.of('output.yaml'))
        Files.createDirectories(media.resolve('empty/dir'))
        SnapshotFixtures.media(media, ['job-output/4/already.zst': 'a file named like a stored one'])
        def id = SnapshotFixtures.backup(backups, media)
        Path snapshot = backups.pathOf(id)

        expect:
        Files.readSymbolicLink(snapshot.resolve('media/current')) == Path.of('job-output/2')
        Files.readSymbolicLink(snapshot.resolve('media/job-output/2/log.zst')) == Path.of('output.yaml')
        Files.isDirectory(snapshot.resolve('media/empty/dir'))
        unzstd(stored(snapshot, 'job-output/4/already.zst')) == 'a file named like a stored one'
        Manifest.read(snapshot.resolve('manifest.json')).byPath()['media/current'] == ManifestEntry.symlink('media/current', 'job-output/2')
        SnapshotFixtures.described(restored(id)) == SnapshotFixtures.described(media)
    }

    Path restored(SnapshotId id) {
        SnapshotFixtures.restore(backups.pathOf(id), dir.resolve("restored-${id}"))
    }
}
