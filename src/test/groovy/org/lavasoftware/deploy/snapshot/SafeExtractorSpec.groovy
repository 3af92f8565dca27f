package org.lavasoftware.deploy.snapshot

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import java.time.Instant
import org.apache.commons.compress.archivers.tar.TarArchiveEntry
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream
import org.apache.commons.compress.archivers.tar.TarConstants
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.Progress
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

class SafeExtractorSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    static final ExtractLimits ROOMY = new ExtractLimits(10_000_000, 1000)
    /** An absolute path that exists nowhere: specs never point links at real system directories. */
    static final String NOWHERE = '/nonexistent/lava-deployment-tool-spec'
    static final FileTime MTIME = FileTime.from(Instant.parse('2023-06-01T12:00:00Z'))

    /**
     * Builds an archive: each item is [type, name, content-or-target, mode]. Names are kept as
     * given (commons-compress would strip a leading '/'), so hostile archives can be made.
     */
    Path archive(String name, List<List> items, boolean gzip = true) {
        Path file = dir.resolve(name)
        OutputStream raw = Files.newOutputStream(file)
        OutputStream out = gzip ? new GzipCompressorOutputStream(raw) : raw
        new TarArchiveOutputStream(out).withCloseable { tar ->
            tar.longFileMode = TarArchiveOutputStream.LONGFILE_POSIX
            items.each { item ->
                def (type, entryName, content, mode) = item + [null, null]
                TarArchiveEntry entry
                switch (type) {
                    case 'file':
                        entry = new TarArchiveEntry(entryName as String, true)
                        entry.size = (content as String).bytes.length
                        break
                    case 'dir':
                        entry = new TarArchiveEntry(entryName as String, TarConstants.LF_DIR, true)
                        break
                    case 'symlink':
                        entry = new TarArchiveEntry(entryName as String, TarConstants.LF_SYMLINK, true)
                        entry.linkName = content
                        break
                    case 'hardlink':
                        entry = new TarArchiveEntry(entryName as String, TarConstants.LF_LINK, true)
                        entry.linkName = content
                        break
                    case 'chardev':
                        entry = new TarArchiveEntry(entryName as String, TarConstants.LF_CHR, true)
                        break
                    case 'blockdev':
                        entry = new TarArchiveEntry(entryName as String, TarConstants.LF_BLK, true)
                        break
                    case 'fifo':
                        entry = new TarArchiveEntry(entryName as String, TarConstants.LF_FIFO, true)
                        break
                }
                if (mode != null) {
                    entry.mode = mode as int
                }
                entry.lastModifiedTime = MTIME
                tar.putArchiveEntry(entry)
                if (type == 'file') {
                    tar.write((content as String).bytes)
                }
                tar.closeArchiveEntry()
            }
        }
        file
    }

    def "a well-formed archive is unpacked with its modes, mtimes and inside links, minus set-id bits"() {
        given:
        Path tar = archive('etc.tar.gz', [
                ['dir', './'],
                ['dir', './lava-server/', null, 0750],
                ['file', './lava-server/settings.conf', 'DEBUG = False', 0640],
                ['file', './lava-server/tool', '#!/bin/sh', 04755],
                ['symlink', './lava-server/current', 'settings.conf'],
                ['symlink', './up', 'lava-server/../lava-server/tool'],
                ['file', 'deep/implied/dirs.txt', 'ok']])
        Path target = dir.resolve('out')

        when:
        def result = new SafeExtractor(ROOMY, null).extract(tar, target, Progress.NONE)

        then:
        SnapshotFixtures.tree(target) == ['deep/implied/dirs.txt'      : 'ok',
                                          'lava-server/current'        : '-> settings.conf',
                                          'lava-server/settings.conf'  : 'DEBUG = False',
                                          'lava-server/tool'           : '#!/bin/sh',
                                          'up'                         : '-> lava-server/../lava-server/tool']
        SnapshotFixtures.mode(target.resolve('lava-server')) == 'rwxr-x---'
        SnapshotFixtures.mode(target.resolve('lava-server/settings.conf')) == 'rw-r-----'
        ((Files.getAttribute(target.resolve('lava-server/tool'), 'unix:mode') as int) & 07777) == 0755
        Files.getLastModifiedTime(target.resolve('lava-server/settings.conf')) == MTIME
        Files.getLastModifiedTime(target.resolve('lava-server')) == MTIME
        result.files() == 3
        result.symlinks() == 2
        result.bytes() == 'DEBUG = False'.length() + '#!/bin/sh'.length() + 2
    }

    def "a plain tar, not gzipped, is read too, and files can be given to another owner"() {
        given:
        Path tar = archive('files.tar', [['file', 'media/a.log', 'log']], false)

        when:
        def result = new SafeExtractor(ROOMY, new Ownership(4242, 4343)).extract(tar, dir.resolve('out'), Progress.NONE)

        then:
        Files.readString(dir.resolve('out/media/a.log')) == 'log'
        if (UnixAttributes.ROOT) {
            assert result.ownershipApplied()
            assert Files.getAttribute(dir.resolve('out/media/a.log'), 'unix:uid') == 4242
            assert Files.getAttribute(dir.resolve('out/media'), 'unix:gid') == 4343
        }
    }

    def "an archive with #what is refused naming the entry, and nothing is written anywhere"() {
        given: 'a directory beside the target that an escape would write into'
        Files.createDirectories(dir.resolve('outside'))
        Path tar = archive('evil.tar.gz', [['file', 'fine.txt', 'fine']] + entries)
        Path target = dir.resolve('work/out')
        Files.createDirectories(target.parent)

        when:
        new SafeExtractor(ROOMY, null).extract(tar, target, Progress.NONE)

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.OPERATION_FAILED
        !e.message.contains('\n')
        e.message.startsWith("refusing ${tar}: ")
        e.message.contains(reason)
        e.message.endsWith('; nothing of it was kept')

        and: 'the partial extraction is gone and nothing landed outside it'
        !Files.exists(target)
        Files.list(dir.resolve('work')).count() == 0
        Files.list(dir.resolve('outside')).count() == 0
        !Files.exists(dir.resolve('evil'))
        !Files.exists(Path.of('/tmp/lava-safe-extractor-evil'))

        where:
        what                                 | entries                                                                        || reason
        "a '../' path"                       | [['file', '../evil', 'x']]                                                     || "entry '../evil' is unsafe: it climbs out with '..'"
        "a '../' inside a path"              | [['file', 'a/../../outside/evil', 'x']]                                        || "entry 'a/../../outside/evil' is unsafe"
        "a './../' path"                     | [['file', './../evil', 'x']]                                                   || "climbs out"
        'an absolute path'                   | [['file', '/tmp/lava-safe-extractor-evil', 'x']]                               || "entry '/tmp/lava-safe-extractor-evil' has an absolute path"
        'an absolute link'                   | [['symlink', 'etc', NOWHERE]]                                                  || "entry 'etc' is a link to '${NOWHERE}', outside the extraction"
        'a link climbing out'                | [['symlink', 'up', '../outside']]                                              || "entry 'up' is a link to '../outside', which leads outside"
        'a link climbing out from below'     | [['dir', 'a/b'], ['symlink', 'a/b/up', '../../../outside']]                    || "entry 'a/b/up' is a link"
        'links that climb out together'      | [['symlink', 'a', '.'], ['symlink', 'b', 'a/..']]                              || "entry 'b' is a link to 'a/..', which leads outside"
        'a file written through an escaping link' | [['symlink', 'out', '../outside'], ['file', 'out/evil', 'x']]             || "entry 'out' appears twice"
        'a link below an escaping link'      | [['symlink', 'out', '../outside'], ['symlink', 'out/evil', 'x']]               || "entry 'out/evil' lies below a link"
        'a hard link'                        | [['hardlink', 'passwd', NOWHERE + '/passwd']]                                  || "entry 'passwd' is a hard link"
        'a hard link to an inside file'      | [['hardlink', 'again', 'fine.txt']]                                            || "entry 'again' is a hard link"
        'a character device'                 | [['chardev', 'null']]                                                          || "entry 'null' is a device"
        'a block device'                     | [['blockdev', 'sda']]                                                          || "entry 'sda' is a device"
        'a FIFO'                             | [['fifo', 'pipe']]                                                             || "entry 'pipe' is a FIFO"
        'the same file twice'                | [['file', 'fine.txt', 'again']]                                                || "entry 'fine.txt' appears twice"
    }

    def "an archive beyond its limits is refused before it fills the disk: #what"() {
        given:
        Path tar = archive('big.tar.gz', (1..5).collect { ['file', "f${it}", 'x' * 1000] })
        Path target = dir.resolve('out')

        when:
        new SafeExtractor(limits, null).extract(tar, target, Progress.NONE)

        then:
        def e = thrown(ToolException)
        e.message.contains(reason)
        !Files.exists(target)

        where:
        what             | limits                        || reason
        'too many bytes' | new ExtractLimits(4500, 100)  || "entry 'f5' would take the files beyond 4500 bytes"
        'too many entries' | new ExtractLimits(10_000, 3) || 'it has more than 3 entries'
    }

    def "a gzip bomb stops at the limit instead of unpacking"() {
        given: 'a hundred megabytes of zeros, a few hundred kilobytes packed'
        Path tar = dir.resolve('bomb.tar.gz')
        new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tar))).withCloseable { out ->
            def entry = new TarArchiveEntry('zeros')
            entry.size = 100_000_000
            out.putArchiveEntry(entry)
            byte[] chunk = new byte[1 << 20]
            long written = 0
            while (written < entry.size) {
                int n = (int) Math.min(chunk.length, entry.size - written)
                out.write(chunk, 0, n)
                written += n
            }
            out.closeArchiveEntry()
        }

        when:
        new SafeExtractor(new ExtractLimits(1_000_000, 10), null).extract(tar, dir.resolve('out'), Progress.NONE)

        then:
        def e = thrown(ToolException)
        e.message.contains("entry 'zeros' would take the files beyond 1000000 bytes")
        !Files.exists(dir.resolve('out'))
    }

    def "a damaged archive is an error, and what was unpacked of it is removed"() {
        given:
        Path good = archive('cut.tar.gz', [['file', 'a', 'x' * 100_000], ['file', 'b', 'y' * 100_000]])
        byte[] bytes = Files.readAllBytes(good)
        Files.write(good, Arrays.copyOf(bytes, bytes.length.intdiv(2)))

        when:
        new SafeExtractor(ROOMY, null).extract(good, dir.resolve('out'), Progress.NONE)

        then:
        def e = thrown(ToolException)
        e.message.startsWith("cannot extract ${good}: ")
        !Files.exists(dir.resolve('out'))
    }

    def "extraction goes into a new directory only, never over an existing one"() {
        given:
        Path tar = archive('etc.tar.gz', [['file', 'a', 'x']])
        Files.createDirectories(dir.resolve('out'))

        when:
        new SafeExtractor(ROOMY, null).extract(tar, dir.resolve('out'), Progress.NONE)

        then:
        def e = thrown(ToolException)
        e.message.contains('it exists already')
        Files.list(dir.resolve('out')).count() == 0
    }

    def "a tree packed by the tool unpacks to the same tree"() {
        given:
        Path etc = SnapshotFixtures.media(dir.resolve('etc'), ['lava-server/settings.conf': 'A = 1', 'apache2/site.conf': '<VirtualHost>'])
        Files.createSymbolicLink(etc.resolve('lava-server/link'), Path.of('settings.conf'))
        Path tar = dir.resolve('etc.tar.gz')
        Files.newOutputStream(tar).withCloseable { TarPacker.pack(etc, it, Progress.NONE) }

        when:
        new SafeExtractor(ROOMY, null).extract(tar, dir.resolve('out'), Progress.NONE)

        then:
        SnapshotFixtures.tree(dir.resolve('out')) == SnapshotFixtures.tree(etc)
        Files.getLastModifiedTime(dir.resolve('out/lava-server/settings.conf')) == Files.getLastModifiedTime(etc.resolve('lava-server/settings.conf'))
    }
}
