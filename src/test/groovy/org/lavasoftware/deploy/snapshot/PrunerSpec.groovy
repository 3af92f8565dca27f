package org.lavasoftware.deploy.snapshot

import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

class PrunerSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    Snapshots backups
    List<SnapshotId> ids

    def setup() {
        Path media = SnapshotFixtures.media(dir.resolve('media'), ['a.log': 'a'])
        backups = new Snapshots(dir.resolve('backups/prod'))
        ids = (1..4).collect { SnapshotFixtures.backup(backups, media, SnapshotFixtures.at("2024-05-0${it}T00:00:00Z")) }
    }

    def "keeping the #keep newest removes the older ones, oldest first"() {
        when:
        def removed = new Pruner(backups, Duration.ZERO).keepNewest(keep)

        then:
        removed == ids.take(ids.size() - keep)
        backups.ids() == ids.drop(ids.size() - keep)
        !Files.list(backups.dir()).toList().any { it.fileName.toString().endsWith('.pruning') }

        where:
        keep << [1, 2, 4, 10]
    }

    def "the snapshot latest points to is kept even when it is not among the newest"() {
        given: 'latest lags behind, as after a writer killed between its rename and latest'
        LatestLink.point(backups.dir(), ids[1])

        when:
        def removed = new Pruner(backups, Duration.ZERO).keepNewest(1)

        then:
        removed == [ids[0], ids[2]]
        backups.ids() == [ids[1], ids[3]]
        backups.latest().get() == ids[1]
    }

    def "keeping none is refused as bad input: pruning never removes everything"() {
        when:
        new Pruner(backups, Duration.ZERO).keepNewest(0)

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.BAD_INPUT
        backups.ids() == ids
    }

    def "one snapshot can be removed by id, but not the latest"() {
        when:
        new Pruner(backups, Duration.ZERO).remove(ids[1])

        then:
        backups.ids() == [ids[0], ids[2], ids[3]]

        when:
        new Pruner(backups, Duration.ZERO).remove(ids[3])

        then:
        def e = thrown(ToolException)
        e.message == "snapshot ${ids[3]} is the latest; it is kept until a newer one is made"
    }

    def "what would be removed can be shown first, for a dry run"() {
        expect:
        new Pruner(backups, Duration.ZERO).wouldRemove(3) == [ids[0]]
        backups.ids() == ids
    }
}
