package org.lavasoftware.deploy.snapshot

import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardOpenOption
import java.util.concurrent.atomic.AtomicLong
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.Progress
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

import static org.lavasoftware.deploy.snapshot.SnapshotVerifier.Depth.FULL
import static org.lavasoftware.deploy.snapshot.SnapshotVerifier.Depth.QUICK

class SnapshotVerifierSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    Path snapshot
    /** The job log as the snapshot stores it: compressed, with the manifest's path. */
    static final String OUTPUT = 'media/job/output.yaml.zst'

    def setup() {
        Path media = SnapshotFixtures.media(dir.resolve('media'), ['job/output.yaml': 'line\n' * 1000, 'job/log': 'done'])
        Files.createSymbolicLink(media.resolve('current'), Path.of('job'))
        def backups = new Snapshots(dir.resolve('backups/prod'))
        snapshot = backups.pathOf(SnapshotFixtures.backup(backups, media))
    }

    VerifyReport verify(SnapshotVerifier.Depth depth = FULL) {
        new SnapshotVerifier(depth, true).verify(snapshot, Progress.NONE)
    }

    def "an untouched snapshot verifies, every stored byte hashed"() {
        given:
        def hashed = new AtomicLong()
        def progress = [advance: { long n -> hashed.addAndGet(n) }, close: { }] as Progress
        long stored = ['database.dump', 'etc.tar.gz', OUTPUT, 'media/job/log.zst'].sum { Files.size(snapshot.resolve(it)) } as long

        when:
        def report = new SnapshotVerifier(FULL, true).verify(snapshot, progress)

        then:
        report.ok()
        report.files() == 5
        hashed.get() == stored
        stored < 'PGDMP fake dump'.length() + 'not really a tar'.length() + 5000 + 4
        report.summary() == "5 files, ${stored} bytes as the manifest says, hashes included"
    }

    def "a truncated stored file is found, even by the quick check"() {
        given:
        long size = Files.size(snapshot.resolve(OUTPUT))
        FileChannel.open(snapshot.resolve(OUTPUT), StandardOpenOption.WRITE).withCloseable { it.truncate(size - 1) }

        expect:
        verify(depth).has(VerifyReport.Kind.SIZE, OUTPUT)
        verify(depth).summary() == "1 problem: ${OUTPUT}: size ${size - 1}, manifest says ${size}"

        where:
        depth << [QUICK, FULL]
    }

    def "a single flipped byte of a stored file is found by the full check, and only by it"() {
        given:
        FileChannel.open(snapshot.resolve(OUTPUT), StandardOpenOption.READ, StandardOpenOption.WRITE).withCloseable { channel ->
            long at = channel.size().intdiv(2)
            def one = ByteBuffer.allocate(1)
            channel.read(one, at)
            channel.write(ByteBuffer.wrap([(byte) (one.get(0) ^ 0x20)] as byte[]), at)
        }

        expect:
        verify(QUICK).ok()
        verify(FULL).has(VerifyReport.Kind.HASH, OUTPUT)
        verify(FULL).summary().startsWith("1 problem: ${OUTPUT}: content differs (sha256 ")
    }

    def "#what is reported as #kind"() {
        given:
        change(snapshot)

        when:
        def report = verify()

        then:
        report.has(kind, path)
        report.problems().size() == count

        where:
        what                     | kind                           | path                    | count | change
        'a missing file'         | VerifyReport.Kind.MISSING      | 'database.dump'         | 1     | { Path s -> Files.delete(s.resolve('database.dump')) }
        'a missing directory'    | VerifyReport.Kind.MISSING      | 'media/job/log.zst'     | 2     | { Path s -> Files.delete(s.resolve('media/job/log.zst')); Files.delete(s.resolve('media/job/output.yaml.zst')); Files.delete(s.resolve('media/job')) }
        'a stored file uncompressed' | VerifyReport.Kind.MISSING  | 'media/job/log.zst'     | 2     | { Path s -> Files.move(s.resolve('media/job/log.zst'), s.resolve('media/job/log')) }
        'a stored file replaced' | VerifyReport.Kind.SIZE         | 'media/job/log.zst'     | 1     | { Path s -> Files.delete(s.resolve('media/job/log.zst')); Files.writeString(s.resolve('media/job/log.zst'), 'done') }
        'a file not listed'      | VerifyReport.Kind.EXTRA        | 'media/job/stray'       | 1     | { Path s -> Files.writeString(s.resolve('media/job/stray'), '?') }
        'a directory for a file' | VerifyReport.Kind.WRONG_TYPE   | 'etc.tar.gz'            | 1     | { Path s -> Files.delete(s.resolve('etc.tar.gz')); Files.createDirectory(s.resolve('etc.tar.gz')) }
        'a link moved elsewhere' | VerifyReport.Kind.LINK_TARGET  | 'media/current'         | 1     | { Path s -> Files.delete(s.resolve('media/current')); Files.createSymbolicLink(s.resolve('media/current'), Path.of('elsewhere')) }
        'a directory replaced by a link' | VerifyReport.Kind.WRONG_TYPE | 'media/job/log.zst' | 3  | { Path s -> Trees.delete(s.resolve('media/job')); Files.createSymbolicLink(s.resolve('media/job'), Path.of('nowhere')) }
    }

    def "a damaged snapshot fails in one line naming it and the first problems"() {
        given:
        Files.delete(snapshot.resolve('database.dump'))

        when:
        verify().orFail('prod/latest')

        then:
        def e = thrown(ToolException)
        e.message == 'snapshot prod/latest is damaged: 1 problem: database.dump: missing'
    }
}
