package org.lavasoftware.deploy.snapshot

import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardOpenOption
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

    def setup() {
        Path media = SnapshotFixtures.media(dir.resolve('media'), ['job/output.yaml': 'line\n' * 1000, 'job/log': 'done'])
        Files.createSymbolicLink(media.resolve('current'), Path.of('job'))
        def backups = new Snapshots(dir.resolve('backups/prod'))
        snapshot = backups.pathOf(SnapshotFixtures.backup(backups, media))
    }

    VerifyReport verify(SnapshotVerifier.Depth depth = FULL) {
        new SnapshotVerifier(depth, true).verify(snapshot, Progress.NONE)
    }

    def "an untouched snapshot verifies, every byte hashed"() {
        given:
        long hashed = 0
        def progress = [advance: { long n -> hashed += n }, close: { }] as Progress

        when:
        def report = new SnapshotVerifier(FULL, true).verify(snapshot, progress)

        then:
        report.ok()
        report.files() == 5
        hashed == 5000 + 4 + 'PGDMP fake dump'.length() + 'not really a tar'.length()
        report.summary() == "5 files, ${hashed} bytes as the manifest says, hashes included"
    }

    def "a truncated file is found, even by the quick check"() {
        given:
        FileChannel.open(snapshot.resolve('media/job/output.yaml'), StandardOpenOption.WRITE).withCloseable { it.truncate(4000) }

        expect:
        verify(depth).has(VerifyReport.Kind.SIZE, 'media/job/output.yaml')
        verify(depth).summary() == '1 problem: media/job/output.yaml: size 4000, manifest says 5000'

        where:
        depth << [QUICK, FULL]
    }

    def "a single flipped byte is found by the full check, and only by it"() {
        given:
        FileChannel.open(snapshot.resolve('media/job/output.yaml'), StandardOpenOption.WRITE).withCloseable {
            it.write(ByteBuffer.wrap('L'.bytes), 2500)
        }

        expect:
        verify(QUICK).ok()
        verify(FULL).has(VerifyReport.Kind.HASH, 'media/job/output.yaml')
        verify(FULL).summary().startsWith('1 problem: media/job/output.yaml: content differs (sha256 ')
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
        'a missing directory'    | VerifyReport.Kind.MISSING      | 'media/job/log'         | 2     | { Path s -> Files.delete(s.resolve('media/job/log')); Files.delete(s.resolve('media/job/output.yaml')); Files.delete(s.resolve('media/job')) }
        'a file not listed'      | VerifyReport.Kind.EXTRA        | 'media/job/stray'       | 1     | { Path s -> Files.writeString(s.resolve('media/job/stray'), '?') }
        'a directory for a file' | VerifyReport.Kind.WRONG_TYPE   | 'etc.tar.gz'            | 1     | { Path s -> Files.delete(s.resolve('etc.tar.gz')); Files.createDirectory(s.resolve('etc.tar.gz')) }
        'a link moved elsewhere' | VerifyReport.Kind.LINK_TARGET  | 'media/current'         | 1     | { Path s -> Files.delete(s.resolve('media/current')); Files.createSymbolicLink(s.resolve('media/current'), Path.of('elsewhere')) }
        'a directory replaced by a link' | VerifyReport.Kind.WRONG_TYPE | 'media/job/log'   | 3     | { Path s -> Trees.delete(s.resolve('media/job')); Files.createSymbolicLink(s.resolve('media/job'), Path.of('nowhere')) }
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
