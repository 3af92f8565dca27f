package org.lavasoftware.deploy.snapshot

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.Progress
import org.lavasoftware.deploy.support.ChildJvm
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

/** A writer killed with SIGKILL (as by power loss or the OOM killer) at each moment of a backup. */
class SnapshotWriterCrashSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    Path media
    Snapshots backups
    SnapshotId first

    def setup() {
        media = SnapshotFixtures.media(dir.resolve('media'), FIRST_MEDIA)
        backups = new Snapshots(dir.resolve('backups/prod'))
        first = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-01T02:00:00Z'))
        SnapshotFixtures.media(media, SECOND_MEDIA)
    }

    static final Map<String, String> FIRST_MEDIA = ['a.log': 'first log', 'jobs/1/b.log': 'second log']
    static final Map<String, String> SECOND_MEDIA = ['jobs/2/c.log': 'a new job']

    Map<String, String> restored(SnapshotId id) {
        SnapshotFixtures.tree(SnapshotFixtures.restore(backups.pathOf(id), dir.resolve("restored-${id}")))
    }

    def "a writer killed at '#stage' leaves #left, and latest on #latest"() {
        given:
        def child = ChildJvm.start(WriteSnapshotMain, [backups.dir().toString(), media.toString(), stage,
                                                        dir.resolve('reached').toString()])
        ChildJvm.awaitFile(dir.resolve('reached'), child)

        when:
        ChildJvm.killHard(child)

        then: 'only finished snapshots look like snapshots, and each is whole'
        def ids = backups.ids()
        ids.size() == (left == 'the first snapshot only' ? 1 : 2)
        ids[0] == first
        backups.list().every { it.usable }
        ids.every { new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(backups.pathOf(it), Progress.NONE).ok() }

        and: 'each restores to the media it was made of'
        restored(first) == FIRST_MEDIA
        ids.size() == 1 || restored(ids[1]) == FIRST_MEDIA + SECOND_MEDIA

        and: 'latest moved only if the writer got that far'
        backups.latest().get() == (latest == 'the first' ? first : ids.last())
        new SnapshotResolver(dir.resolve('backups'), 'prod', dir).resolve('latest').dir() == backups.pathOf(backups.latest().get())

        and: 'an unfinished snapshot is a .partial directory, which the next clean-up removes'
        def partials = Files.list(backups.dir()).toList()*.fileName*.toString().findAll { it.endsWith('.partial') }
        partials.size() == (left == 'the first snapshot only' ? 1 : 0)
        backups.cleanupPartials() == partials
        !Files.list(backups.dir()).toList().any { it.fileName.toString().endsWith('.partial') }

        and: 'the next backup works as usual'
        SnapshotFixtures.backup(backups, media) == backups.latest().get()

        cleanup:
        child?.destroyForcibly()

        where:
        stage                | left                          | latest
        'begun'              | 'the first snapshot only'     | 'the first'
        'file database.dump' | 'the first snapshot only'     | 'the first'
        'media '             | 'the first snapshot only'     | 'the first'
        'media jobs/2/'      | 'the first snapshot only'     | 'the first'
        'media stored'       | 'the first snapshot only'     | 'the first'
        'manifest written'   | 'the first snapshot only'     | 'the first'
        'renamed'            | 'a second, finished snapshot' | 'the first'
        'latest moved'       | 'a second, finished snapshot' | 'the second'
    }

    def "clean-up leaves a live writer in another process alone, saying who holds the backups"() {
        given: 'another process is in the middle of a backup'
        def child = ChildJvm.start(WriteSnapshotMain, [backups.dir().toString(), media.toString(), 'media ',
                                                        dir.resolve('reached').toString()])
        ChildJvm.awaitFile(dir.resolve('reached'), child)
        def partial = Files.list(backups.dir()).toList().find { it.fileName.toString().endsWith('.partial') }

        when:
        backups.cleanupPartials()

        then:
        def e = thrown(ToolException)
        e.message.startsWith("backups directory ${backups.dir()} is busy: backup of prod (pid ${child.pid()}")
        Files.isDirectory(partial)

        cleanup:
        child?.destroyForcibly()
    }
}
