package org.lavasoftware.deploy.snapshot

import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.Progress
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

import static org.lavasoftware.deploy.snapshot.SnapshotFixtures.mode

class SnapshotWriterSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    Path media
    Snapshots backups

    def setup() {
        media = SnapshotFixtures.media(dir.resolve('media'), ['a.log': 'first', 'jobs/1/output.yaml': 'x: 1'])
        backups = new Snapshots(dir.resolve('backups/prod'))
    }

    def "a backup is a directory named by its id, holding the manifest, the dump, the settings and the media"() {
        when:
        def id = SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-01T02:03:04.500Z'))
        Path snapshot = backups.pathOf(id)

        then:
        id.toString() == '2024-05-01T02-03-04Z'
        SnapshotFixtures.paths(snapshot) == ['database.dump', 'etc.tar.gz', 'manifest.json',
                                             'media/a.log.zst', 'media/jobs/1/output.yaml.zst']

        and: 'the media are stored compressed, one file per file'
        SnapshotFixtures.unzstd(snapshot.resolve('media/a.log.zst')) == 'first'
        SnapshotFixtures.unzstd(snapshot.resolve('media/jobs/1/output.yaml.zst')) == 'x: 1'
        Files.readString(snapshot.resolve('database.dump')) == 'PGDMP fake dump'

        and: 'the manifest lists every file with size and hash, and what it was made from'
        def manifest = Manifest.read(snapshot.resolve('manifest.json'))
        manifest.files()*.path() == ['database.dump', 'etc.tar.gz', 'media/a.log.zst', 'media/jobs/1/output.yaml.zst']
        manifest.files().find { it.path() == 'database.dump' }.sha256() == sha256(snapshot.resolve('database.dump'))
        manifest.files().find { it.path() == 'database.dump' }.sha256() ==
                java.security.MessageDigest.getInstance('SHA-256').digest('PGDMP fake dump'.bytes).encodeHex().toString()
        manifest.files().every { it.size() == Files.size(snapshot.resolve(it.path())) && it.sha256() == sha256(snapshot.resolve(it.path())) }
        manifest.files()*.sourceSize() == [-1, -1, 'first'.length(), 'x: 1'.length()]
        manifest.files().find { it.path() == 'media/a.log.zst' }.mtime() == Instant.parse('2024-01-01T00:00:00Z')
        manifest.metadata() == SnapshotFixtures.META
        manifest.kind() == Manifest.Kind.FULL
        manifest.created().toString() == '2024-05-01T02:03:04.500Z'

        and: 'latest is a relative link to it, and the directories are owner-only'
        Files.readSymbolicLink(backups.dir().resolve('latest')).toString() == id.toString()
        mode(snapshot) == 'rwx------'
        mode(backups.dir()) == 'rwx------'
        new SnapshotVerifier(SnapshotVerifier.Depth.FULL, true).verify(snapshot, Progress.NONE).ok()
    }

    static String sha256(Path file) {
        java.security.MessageDigest.getInstance('SHA-256').digest(Files.readAllBytes(file)).encodeHex().toString()
    }

    def "the snapshot directory is owner-only from the moment it is created"() {
        given:
        String seen = null
        def checkpoint = { String stage ->
            if (stage == 'begun') {
                seen = mode(Files.list(backups.dir()).toList().find { it.fileName.toString().endsWith('.partial') })
            }
        } as SnapshotWriter.Checkpoint

        when:
        SnapshotWriter.begin(backups, SnapshotFixtures.META, WriterOptions.DEFAULT, checkpoint).close()

        then:
        seen == 'rwx------'
    }

    def "backups made in the same second get distinct ids, in the order they were made"() {
        when:
        def ids = (1..3).collect { SnapshotFixtures.backup(backups, media, SnapshotFixtures.at('2024-05-01T02:03:04Z')) }

        then:
        ids*.toString() == ['2024-05-01T02-03-04Z', '2024-05-01T02-03-04Z.1', '2024-05-01T02-03-04Z.2']
        backups.ids() == ids
        backups.latest().get() == ids.last()
    }

    def "a writer closed without commit leaves nothing behind, and latest where it was"() {
        given:
        def first = SnapshotFixtures.backup(backups, media)
        def writer = SnapshotWriter.begin(backups, SnapshotFixtures.META, WriterOptions.DEFAULT)
        writer.create('database.dump').withStream { it << 'half a dump' }

        when:
        writer.close()

        then:
        backups.ids() == [first]
        backups.latest().get() == first
        Files.list(backups.dir()).toList()*.fileName*.toString().sort() == ['.lock', first.toString(), 'latest']
    }

    def "a snapshot that fails its check after writing is discarded and latest is not moved"() {
        given:
        def first = SnapshotFixtures.backup(backups, media)
        def checkpoint = { String stage ->
            if (stage == 'renamed') {
                def done = Files.list(backups.dir()).toList().find { it.fileName.toString() ==~ /\d{4}.*/ && it.fileName.toString() != first.toString() }
                Files.writeString(done.resolve('database.dump'), 'cut')
            }
        } as SnapshotWriter.Checkpoint
        def writer = SnapshotWriter.begin(backups, SnapshotFixtures.META, WriterOptions.DEFAULT, checkpoint)
        writer.create('database.dump').withStream { it << 'a long enough dump' }

        when:
        writer.commit()

        then:
        def e = thrown(ToolException)
        e.message == "snapshot ${writer.id()} failed its check after writing (1 problem: database.dump: size 3, manifest says 18)," +
                " so it was discarded and latest was not moved; check the disk of ${backups.dir()}"
        backups.ids() == [first]
        backups.latest().get() == first

        when:
        writer.close()

        then:
        backups.cleanupPartials() == []
    }

    def "clean-up removes what dead writers and pruners left, but never what this process is writing"() {
        given:
        Files.createDirectories(backups.dir().resolve('.2020-01-01T00-00-00Z.partial/media'))
        Files.createDirectories(backups.dir().resolve('.2020-01-02T00-00-00Z.pruning'))
        def writer = SnapshotWriter.begin(backups, SnapshotFixtures.META, WriterOptions.DEFAULT)

        when:
        def removed = backups.cleanupPartials()

        then:
        removed == ['.2020-01-01T00-00-00Z.partial', '.2020-01-02T00-00-00Z.pruning']
        Files.isDirectory(backups.dir().resolve(".${writer.id()}.partial"))

        when:
        writer.create('database.dump').close()
        def id = writer.commit()

        then:
        backups.ids() == [id]

        cleanup:
        writer?.close()
    }

    def "a file name the snapshot does not allow is refused: #name"() {
        given:
        def writer = SnapshotWriter.begin(backups, SnapshotFixtures.META, WriterOptions.DEFAULT)
        writer.create('database.dump').close()

        when:
        writer.create(name)

        then:
        def e = thrown(IllegalArgumentException)
        e.message.startsWith('cannot add')

        cleanup:
        writer?.close()

        where:
        name << ['manifest.json', 'media', 'media/x', '../x', '/nonexistent/x', 'a/../b', '', 'database.dump']
    }

    def "a full backup copies every media file even when a snapshot before could lend them"() {
        given:
        def first = SnapshotFixtures.backup(backups, media)

        when:
        def second = SnapshotFixtures.backup(backups, media, WriterOptions.DEFAULT.withFull(true))

        then:
        !Files.isSameFile(backups.pathOf(first).resolve('media/a.log.zst'), backups.pathOf(second).resolve('media/a.log.zst'))
        !Files.isSameFile(backups.pathOf(first).resolve('media/jobs/1/output.yaml.zst'),
                backups.pathOf(second).resolve('media/jobs/1/output.yaml.zst'))
        SnapshotFixtures.unzstd(backups.pathOf(second).resolve('media/a.log.zst')) == 'first'
        def manifest = Manifest.read(backups.pathOf(second).resolve('manifest.json'))
        manifest.kind() == Manifest.Kind.FULL
        manifest.files().every { !it.linked() }
    }

    def "two writers of one process at once never share an id"() {
        given: 'the lock is re-entrant within a process (a recipe may nest operations)'
        def writer = SnapshotWriter.begin(backups, SnapshotFixtures.META, WriterOptions.DEFAULT)

        expect:
        SnapshotWriter.begin(backups, SnapshotFixtures.META, WriterOptions.DEFAULT).withCloseable { it.id() } != writer.id()

        cleanup:
        writer?.close()
    }
}
