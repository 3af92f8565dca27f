package org.lavasoftware.deploy.snapshot

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardOpenOption
import java.nio.file.attribute.FileTime
import java.time.Duration
import java.time.Instant
import org.lavasoftware.deploy.engine.Progress
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

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
        long progressed = 0
        writer.storeMedia(plan, [advance: { long n -> progressed += n }, close: { }] as Progress)
        writer.create('database.dump').close()
        def second = writer.commit()
        Path a = backups.pathOf(first).resolve('media')
        Path b = backups.pathOf(second).resolve('media')

        then: 'the plan knew it before a byte moved, and the progress counted only the copies'
        plan.base().get() == first
        plan.filesToLink() == 2
        plan.filesToCopy() == 2
        plan.bytesToCopy() == 3000 + 7008
        plan.bytesToLink() == 5000 + 'device: qemu'.length()
        progressed == plan.bytesToCopy()

        and: 'unchanged files are the same inode in both snapshots'
        Files.isSameFile(a.resolve('job-output/1/output.yaml'), b.resolve('job-output/1/output.yaml'))
        Files.isSameFile(a.resolve('job-output/2/description.yaml'), b.resolve('job-output/2/description.yaml'))
        links(b.resolve('job-output/1/output.yaml')) == 2

        and: 'new and grown files are copies of their own'
        links(b.resolve('job-output/3/output.yaml')) == 1
        !Files.isSameFile(a.resolve('job-output/2/output.yaml'), b.resolve('job-output/2/output.yaml'))
        Files.readString(b.resolve('job-output/2/output.yaml')).endsWith('appended')

        and: 'the manifest says which, and has a hash for every file'
        def manifest = Manifest.read(backups.pathOf(second).resolve('manifest.json'))
        manifest.kind() == Manifest.Kind.INCREMENTAL
        manifest.base() == first
        manifest.files().findAll { it.linked() }*.path() == ['media/job-output/1/output.yaml', 'media/job-output/2/description.yaml']
        manifest.summary().copiedBytes() == 3000 + 7008 + 0
        manifest.files().every { it.sha256() ==~ /[0-9a-f]{64}/ }
        new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(backups.pathOf(second), Progress.NONE).ok()
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
        Files.readString(backups.pathOf(second).resolve('media/job-output/1/output.yaml')) == 'w' * 5000
        Files.readString(backups.pathOf(first).resolve('media/job-output/1/output.yaml')) == 'x' * 5000
    }

    def "a file whose mode changed is copied, since a link would share the old mode"() {
        given:
        def first = SnapshotFixtures.backup(backups, media)
        Files.setPosixFilePermissions(media.resolve('job-output/1/output.yaml'), [] as Set)

        when:
        def second = SnapshotFixtures.backup(backups, media)

        then:
        SnapshotFixtures.mode(backups.pathOf(second).resolve('media/job-output/1/output.yaml')) == '---------'
        SnapshotFixtures.mode(backups.pathOf(first).resolve('media/job-output/1/output.yaml')) != '---------'
    }

    def "pruning the first snapshot leaves the second whole: it verifies and restores on its own"() {
        given:
        def first = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-01T00:00:00Z'))
        SnapshotFixtures.media(media, ['job-output/3/output.yaml': 'new'])
        def second = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-02T00:00:00Z'))
        def expected = SnapshotFixtures.tree(media)

        when:
        def removed = new Pruner(backups, Duration.ZERO).keepNewest(1)

        then:
        removed == [first]
        backups.ids() == [second]
        links(backups.pathOf(second).resolve('media/job-output/1/output.yaml')) == 1
        new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(backups.pathOf(second), Progress.NONE).ok()
        restored(second) == expected
    }

    def "removing the second snapshot leaves the first whole, with the media it had"() {
        given:
        def first = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-01T00:00:00Z'))
        def expected = SnapshotFixtures.tree(media)
        SnapshotFixtures.media(media, ['job-output/3/output.yaml': 'new'])
        def second = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-02T00:00:00Z'))

        when: 'the latest cannot be pruned, so it goes the way a user would remove it by hand'
        Trees.delete(backups.pathOf(second))

        then:
        new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(backups.pathOf(first), Progress.NONE).ok()
        restored(first) == expected
    }

    def "a base copy damaged since its backup is not linked to: the new snapshot copies afresh"() {
        given:
        def first = SnapshotFixtures.backup(backups, media)
        Files.writeString(backups.pathOf(first).resolve('media/job-output/1/output.yaml'), 'damaged')

        when:
        def second = SnapshotFixtures.backup(backups, media)

        then:
        Files.readString(backups.pathOf(second).resolve('media/job-output/1/output.yaml')) == 'x' * 5000
        new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(backups.pathOf(second), Progress.NONE).ok()
    }

    def "links and empty directories in the media are kept as they are"() {
        given:
        Files.createSymbolicLink(media.resolve('current'), Path.of('job-output/2'))
        Files.createDirectories(media.resolve('empty/dir'))
        def id = SnapshotFixtures.backup(backups, media)

        expect:
        Files.readSymbolicLink(backups.pathOf(id).resolve('media/current')) == Path.of('job-output/2')
        Files.isDirectory(backups.pathOf(id).resolve('media/empty/dir'))
        restored(id) == SnapshotFixtures.tree(media)
    }

    Map<String, String> restored(SnapshotId id) {
        Path target = dir.resolve("restored-${id}")
        TreeCopier.copy(backups.pathOf(id).resolve('media'), target, null, Progress.NONE)
        SnapshotFixtures.tree(target)
    }
}
