package org.lavasoftware.deploy.snapshot

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import java.time.Instant
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

class SnapshotsSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "a listing shows each snapshot's id, size, age, kind and whether its manifest reads"() {
        given:
        Path media = SnapshotFixtures.media(dir.resolve('media'), ['a.log': 'a' * 100])
        def backups = new Snapshots(dir.resolve('backups/prod'))
        def full = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-01T00:00:00Z'))
        SnapshotFixtures.media(media, ['b.log': 'b' * 50])
        def incremental = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-02T00:00:00Z'))
        Path classic = Files.createDirectories(backups.dir().resolve('2013-07-01T10-00-00Z'))
        ['database.dump', 'files.tar.gz', 'etc.tar.gz'].each { Files.writeString(classic.resolve(it), 'xx') }
        Path broken = Files.createDirectories(backups.dir().resolve('2024-05-03T00-00-00Z'))
        Files.writeString(broken.resolve('manifest.json'), '{"format": 1')
        Files.createDirectories(backups.dir().resolve('2024-05-04T00-00-00Z'))
        Files.createDirectories(backups.dir().resolve('.2024-05-05T00-00-00Z.partial'))
        Files.createDirectories(backups.dir().resolve('not-a-snapshot'))

        when:
        def list = backups.list()
        def dump = 'PGDMP fake dump'.length() + 'not really a tar'.length()

        then:
        list*.id()*.toString() == ['2013-07-01T10-00-00Z', full.toString(), incremental.toString(),
                                   '2024-05-03T00-00-00Z', '2024-05-04T00-00-00Z']
        list*.kind() == ['classic', 'full', "incremental on ${full}".toString(), 'unusable', 'unusable']
        list*.usable == [true, true, true, false, false]
        list*.latest == [false, false, true, false, false]
        // the media count as stored: compressed, a.log shared by both snapshots
        long a = Files.size(backups.pathOf(full).resolve('media/a.log.zst'))
        long b = Files.size(backups.pathOf(incremental).resolve('media/b.log.zst'))
        Files.isSameFile(backups.pathOf(full).resolve('media/a.log.zst'), backups.pathOf(incremental).resolve('media/a.log.zst'))
        a < 100 && b < 50
        list*.bytes() == [6, dump + a, dump + a + b, 0, 0]
        list*.newBytes() == [6, dump + a, dump + b, 0, 0]
        list[1].age(Instant.parse('2024-05-03T00:00:00Z')) == Duration.ofDays(2)
        list[0].created() == Instant.parse('2013-07-01T10:00:00Z')
        list[3].problem().contains('is unreadable: line 1: expected')
        list[4].problem() == 'no manifest, nor the files of a classic snapshot'
    }

    def "an empty or missing backups directory lists nothing"() {
        expect:
        new Snapshots(dir.resolve('none')).list() == []
        new Snapshots(dir.resolve('none')).latest().empty
        new Snapshots(dir.resolve('none')).cleanupPartials() == []
    }

    def "the free-space check refuses a backup that cannot fit, in one line"() {
        given:
        def check = new SpaceCheck({ Path p -> 1024L * 1024 * 100 } as SpaceCheck.UsableSpace)

        when:
        check.require(dir.resolve('backups/prod'), 1024L * 1024 * 1024 * 3)

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.OPERATION_FAILED
        e.message == "not enough space for the backup in ${dir.resolve('backups/prod')}: it needs 3.0 GiB and 100.0 MiB is free;" +
                ' prune old snapshots or free some space'
    }

    def "the free-space check lets a backup that fits through, asking the nearest existing directory"() {
        given:
        List<Path> asked = []
        def check = new SpaceCheck({ Path p -> asked << p; 5000L } as SpaceCheck.UsableSpace)

        when:
        check.require(dir.resolve('backups/prod'), 5000)
        SpaceCheck.onDisk().require(dir, 1)

        then:
        asked == [dir]
    }
}
