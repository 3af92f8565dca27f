package org.lavasoftware.deploy.snapshot

import java.nio.file.Files
import java.nio.file.Path
import java.time.Instant
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

class ManifestSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    static final String HASH = 'a' * 64
    static final SnapshotMetadata META = new SnapshotMetadata('prod', '0.1.0', '2023.01-2', '15.6')

    static Manifest sample() {
        new Manifest(META, Instant.parse('2024-05-01T02:03:04.567Z'), Manifest.Kind.INCREMENTAL,
                SnapshotId.parse('2024-04-30T02-00-00Z'), [
                ManifestEntry.file('database.dump', 1234, HASH),
                ManifestEntry.file('etc.tar.gz', 56, 'b' * 64),
                ManifestEntry.media('media/job-output/2024/05/01/1/output.yaml.zst', 78, 'c' * 64,
                        Instant.parse('2024-04-29T10:11:12.123456789Z'), true, 780),
                ManifestEntry.media('media/odd "name"\twith\\escapes é.zst', 9, 'd' * 64, Instant.parse('2024-04-29T10:11:12Z'), false, 0),
                ManifestEntry.symlink('media/current', 'job-output'),
        ])
    }

    def "a manifest written and read back is the same manifest, every field and file included"() {
        given:
        Path file = dir.resolve('manifest.json')

        when:
        sample().write(file)

        then:
        Manifest.read(file) == sample()
        Manifest.read(file).files().collectEntries { [it.path(), it.sourceSize()] } == [
                'database.dump': -1L, 'etc.tar.gz': -1L, 'media/current': -1L,
                'media/job-output/2024/05/01/1/output.yaml.zst': 780L, 'media/odd "name"\twith\\escapes é.zst': 0L]
        Manifest.read(file).byPath()['media/job-output/2024/05/01/1/output.yaml.zst'].linked()
        Files.getPosixFilePermissions(file)*.toString().sort() == ['OWNER_READ', 'OWNER_WRITE']
    }

    def "a manifest of thousands of files reads back the same, escaped and accented names included"() {
        given: 'names of every length, so that escapes and multi-byte characters fall on every block boundary of the reader'
        def files = (1..3000).collect { int i ->
            ManifestEntry.media("media/job-output/${i}/${'x' * (i % 97)}${i % 5 == 0 ? '"q\\b\té' : ''}.zst", i,
                    Integer.toHexString(i).padLeft(64, '0'), Instant.ofEpochSecond(1_700_000_000L + i, (i % 4) * 250_000_000),
                    i % 2 == 0, i * 10)
        }
        def manifest = new Manifest(META, Instant.parse('2024-05-01T00:00:00Z'), Manifest.Kind.FULL, null, files)
        Path file = dir.resolve('manifest.json')

        when:
        manifest.write(file)

        then:
        Files.size(file) > 3 * 8192
        Manifest.read(file) == manifest
    }

    def "a manifest of a full snapshot without code revision or database version reads back too"() {
        given:
        def manifest = new Manifest(new SnapshotMetadata('demo', '0.1.0', null, null), Instant.parse('2024-05-01T00:00:00Z'),
                Manifest.Kind.FULL, null, [])
        Path file = dir.resolve('manifest.json')

        when:
        manifest.write(file)

        then:
        Manifest.read(file) == manifest
    }

    def "the summary is read from the head alone and has the totals of the list"() {
        given:
        Path file = dir.resolve('manifest.json')
        sample().write(file)

        when:
        def summary = Manifest.readSummary(file)

        then:
        summary == sample().summary()
        summary.files() == 5
        summary.bytes() == 1234 + 56 + 78 + 9
        summary.copiedBytes() == 1234 + 56 + 9
        summary.kind() == Manifest.Kind.INCREMENTAL
        summary.base().toString() == '2024-04-30T02-00-00Z'
    }

    def "the manifest is readable text with one file per line"() {
        given:
        Path file = dir.resolve('manifest.json')
        sample().write(file)

        expect:
        def lines = Files.readAllLines(file)
        lines[0] == '{'
        lines[1] == '  "format": 1,'
        lines.count { it.startsWith('    {"path": ') } == 5
        lines.contains('    {"path": "media/current", "symlink": "job-output"},')
        lines.contains('    {"path": "database.dump", "size": 1234, "sha256": "' + HASH + '"},')
        lines.contains('    {"path": "media/job-output/2024/05/01/1/output.yaml.zst", "size": 78, "sha256": "' + 'c' * 64 +
                '", "mtime": "2024-04-29T10:11:12.123456789Z", "sourceSize": 780, "linked": true},')
        lines.count { it.contains('"sourceSize": ') } == 2
    }

    def "a manifest that is #problem is refused in one line naming the file and the fault"() {
        given:
        Path file = dir.resolve('manifest.json')
        Files.writeString(file, text)

        when:
        Manifest.read(file)

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.OPERATION_FAILED
        !e.message.contains('\n')
        e.message.startsWith("manifest ${file} is unreadable: ")
        e.message.contains(reason)

        where:
        problem                          | text                                                     || reason
        'empty'                          | ''                                                       || 'expected a value at the end'
        'not JSON'                       | 'format=1'                                               || 'line 1: expected true, false or null'
        'cut short'                      | valid().substring(0, valid().lastIndexOf(']'))           || "expected ',' or ']' at the end"
        'followed by more text'          | valid() + '{}'                                           || 'text after the end'
        'a list'                         | '[]'                                                     || 'expected an object'
        'of a newer format'              | valid().replace('"format": 1', '"format": 2')            || 'format 2 and this tool reads format 1: read it with a newer'
        'without a format'               | valid().replace('"format": 1,', '')                      || "no 'format' field"
        'with a format as text'          | valid().replace('"format": 1', '"format": "1"')          || "'format' is not a number"
        'with an unknown field'          | valid().replace('"format": 1,', '"format": 1, "x": 2,')   || "unknown field 'x'"
        'with a repeated field'          | valid().replace('"format": 1,', '"format": 1, "format": 1,') || "'format' appears twice"
        'without the instance'           | valid().replace('"instance": "prod",', '')               || "missing field 'instance'"
        'with an unknown kind'           | valid().replace('"incremental"', '"differential"')       || "neither 'full' nor 'incremental'"
        'incremental without base'       | valid().replace('"base": "2024-04-30T02-00-00Z",', '')   || "missing field 'base'"
        'with a bad base id'             | valid().replace('2024-04-30T02-00-00Z', '2024-04-30')    || "'base' is no snapshot id"
        'with a bad created time'        | valid().replace('2024-05-01T02:03:04.567Z', 'yesterday') || 'yesterday'
        'with a file time in month 13'   | valid().replace('2024-04-29T10:11:12.123456789Z', '2024-13-29T10:11:12.123456789Z') || '2024-13-29T10:11:12.123456789Z'
        'with a file time on 30 February' | valid().replace('2024-04-29T10:11:12.123456789Z', '2024-02-30T10:11:12Z') || '2024-02-30T10:11:12Z'
        'with a file time as a number'   | valid().replace('"2024-04-29T10:11:12.123456789Z"', '"1714385472"') || '1714385472'
        'with totals that disagree'      | valid().replace('"files": 5', '"files": 6')              || 'disagrees with its list'
        'with a file climbing out'       | valid().replace('"etc.tar.gz"', '"../etc.tar.gz"')       || "climbs out with '..'"
        'with an absolute file'          | valid().replace('"etc.tar.gz"', '"/etc/shadow"')         || 'is absolute'
        'with a file listed twice'       | valid().replace('"etc.tar.gz"', '"database.dump"')       || 'listed twice'
        'with a short hash'              | valid().replace('b' * 64, 'b' * 63)                      || 'sha256 must be 64'
        'with a negative size'           | valid().replace('"size": 56', '"size": -56')             || 'lacks its size'
        'with a fractional size'         | valid().replace('"size": 56', '"size": 5.6')             || 'expected a whole number, found 5.6'
        'with an unknown file field'     | valid().replace('"size": 56', '"size": 56, "owner": 0')  || "unknown field 'owner' in a file"
        'with a fractional source size'  | valid().replace('"sourceSize": 780', '"sourceSize": 7.8') || 'expected a whole number, found 7.8'
        'with a source size as text'     | valid().replace('"sourceSize": 780', '"sourceSize": "780"') || 'expected a number, found a string'
        'with a repeated source size'    | valid().replace('"sourceSize": 780', '"sourceSize": 780, "sourceSize": 780') || "field 'sourceSize' appears twice in a file"
        'with a trailing comma'          | valid().replace('"copiedBytes": 1299}', '"copiedBytes": 1299,}') || 'expected a name'
        'with a comment'                 | '// hello\n' + valid()                                   || 'expected a value'
        'with a raw control character'   | valid().replace('prod', 'pr\u0001od')                    || 'control character'
        'with a bad escape'              | valid().replace('prod', 'pr\\qod')                       || 'unknown escape'
        'with the head after the files'  | valid().replace('"kind"', '"x"').replace('\n}', ', "kind": "full"\n}') || 'comes after the files'
        'nested without end'             | '[' * 100                                                || 'expected an object'
    }

    def "a manifest whose bytes are not UTF-8 is refused as damaged"() {
        given:
        Path file = dir.resolve('manifest.json')
        Files.write(file, valid().replace('prod', 'PROD').bytes.collect { it == (byte) 'P' ? (byte) 0xff : it } as byte[])

        when:
        Manifest.read(file)

        then:
        def e = thrown(ToolException)
        e.message.endsWith('is unreadable: it is not UTF-8 text')
    }

    def "a missing manifest says the snapshot is unfinished or not ours"() {
        when:
        Manifest.read(dir.resolve('manifest.json'))

        then:
        def e = thrown(ToolException)
        e.message.contains('unfinished or not one of this tool')
    }

    static String valid() {
        def writer = new StringWriter()
        ManifestJson.write(sample(), writer)
        writer.toString()
    }
}
