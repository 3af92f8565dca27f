package org.lavasoftware.deploy.engine.operations.backup

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.engine.PlanFacts
import org.lavasoftware.deploy.snapshot.LatestLink
import org.lavasoftware.deploy.snapshot.SnapshotFixtures
import org.lavasoftware.deploy.snapshot.SnapshotId
import org.lavasoftware.deploy.snapshot.SnapshotWriter
import org.lavasoftware.deploy.snapshot.Snapshots
import org.lavasoftware.deploy.snapshot.WriterOptions
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

/**
 * A backup that fails (its disk full) or is undone by recover leaves the backups directory as it
 * was: no partial snapshot, latest on the snapshot it was on.
 */
class BackupSnapshotSpec extends Specification {
    Path dir = LinkSafeTempDir.create()
    Path media
    Snapshots backups
    SnapshotId first

    def setup() {
        media = SnapshotFixtures.media(dir.resolve('media'), ['a.log': 'first log'])
        backups = new Snapshots(dir.resolve('backups/prod'))
        first = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-01T02:00:00Z'))
        SnapshotFixtures.media(media, ['b.log': 'a new job'])
    }

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    private List<String> entries() {
        Files.list(backups.dir()).toList()*.fileName*.toString().findAll { it != '.lock' }.sort()
    }

    def "the snapshot's id is journaled before anything is written under it"() {
        given:
        def facts = PlanFacts.observing()
        def snapshot = new BackupSnapshot(backups, facts)

        when:
        SnapshotWriter writer = snapshot.begin(SnapshotFixtures.META, WriterOptions.DEFAULT)

        then:
        facts.text(BackupSnapshot.ID, { throw new AssertionError('asked the machine') }) == writer.id().toString()

        cleanup:
        snapshot.discard()
    }

    def "a backup failing half-way (its disk full) is thrown away whole; latest stays on the snapshot before"() {
        given:
        def snapshot = new BackupSnapshot(backups, PlanFacts.observing())
        SnapshotWriter writer = snapshot.begin(SnapshotFixtures.META, WriterOptions.DEFAULT)
        writer.create('etc.tar.gz').withStream { it << 'settings' }
        writer.startMedia(writer.planMedia(media), org.lavasoftware.deploy.engine.Progress.NONE)

        when: 'the step fails (No space left on device) and the runner undoes the steps'
        snapshot.discard()

        then:
        entries() == [first.toString(), 'latest']
        backups.latest().get() == first
    }

    def "recover undoes a backup killed while its snapshot was renamed but not checked, by the journaled id"() {
        given: 'a second snapshot renamed to its id, latest not moved to it (what a kill in the last step leaves)'
        SnapshotId second = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-02T02:00:00Z'))
        LatestLink.point(backups.dir(), first)
        Files.createSymbolicLink(backups.dir().resolve('.latest.new'), Path.of(second.toString()))

        and: 'the recovery rebuilds the plan: no writer, the facts from the journal'
        def snapshot = new BackupSnapshot(backups, PlanFacts.replaying([(BackupSnapshot.ID): Optional.of(second.toString())]))

        when:
        snapshot.discard()

        then:
        entries() == [first.toString(), 'latest']
        backups.latest().get() == first

        when: 'that recovery was killed too, and runs again'
        snapshot.discard()

        then:
        entries() == [first.toString(), 'latest']
    }

    def "a snapshot latest already points to is complete and checked: an undo keeps it"() {
        given:
        SnapshotId second = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-02T02:00:00Z'))
        def snapshot = new BackupSnapshot(backups, PlanFacts.replaying([(BackupSnapshot.ID): Optional.of(second.toString())]))

        when:
        snapshot.discard()

        then:
        entries() == [first.toString(), second.toString(), 'latest']
        backups.latest().get() == second
    }

    def "an undo of a backup killed before it chose an id removes what dead writers left"() {
        given:
        Files.createDirectories(backups.dir().resolve('.2024-05-03T00-00-00Z.partial/media'))
        def snapshot = new BackupSnapshot(backups, PlanFacts.replaying([:]))

        when:
        snapshot.discard()

        then:
        entries() == [first.toString(), 'latest']
    }
}
