package org.lavasoftware.deploy.snapshot

import com.github.luben.zstd.ZstdInputStream
import java.nio.ByteBuffer
import java.nio.channels.FileChannel
import java.nio.charset.StandardCharsets
import java.nio.file.FileAlreadyExistsException
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.StandardOpenOption
import java.nio.file.attribute.FileTime
import java.nio.file.attribute.PosixFilePermissions
import java.security.MessageDigest
import java.time.Instant
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicLong
import org.lavasoftware.deploy.engine.Progress
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Requires
import spock.lang.Specification

/** One media file stored as one zstd file: what goes in comes out, with the source's attributes. */
class MediaCompressionSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    static final FileTime MTIME = FileTime.from(Instant.parse('2024-03-04T05:06:07.123456Z'))

    Path source(String name, byte[] bytes, String mode = 'rw-r-----') {
        Path file = dir.resolve(name)
        Files.write(file, bytes)
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode))
        Files.setLastModifiedTime(file, MTIME)
        file
    }

    MediaCompression.Stored compress(Path file, Progress progress = Progress.NONE) {
        MediaCompression.compress(file, UnixAttributes.of(file), file.resolveSibling(file.fileName.toString() + '.zst'), progress)
    }

    static Progress counting(AtomicLong counter) {
        [advance: { long n -> counter.addAndGet(n) }, close: { }] as Progress
    }

    /** What any zstd reader makes of {@code stored}. */
    static byte[] unzstd(Path stored) {
        new ZstdInputStream(Files.newInputStream(stored)).withCloseable { it.readAllBytes() }
    }

    static String sha256(byte[] bytes) {
        MessageDigest.getInstance('SHA-256').digest(bytes).encodeHex().toString()
    }

    /** Bytes that do not compress, every byte value among them. */
    static byte[] binary(int size) {
        byte[] bytes = new byte[size]
        new Random(size).nextBytes(bytes)
        for (int i = 0; i < Math.min(256, size); i++) {
            bytes[i] = (byte) i
        }
        bytes
    }

    /** A job log the way LAVA writes output.yaml: one YAML flow mapping per line, a boot on a serial console. */
    static byte[] lavaLog(int lines) {
        def random = new Random(42)
        def messages = [
                { 'start: 1.1 download-retry (timeout 00:10:00) [common]' },
                { "downloading https://images.validation.linaro.org/snapshots/${random.nextInt(900) + 100}/Image.gz" },
                { "progress ${random.nextInt(100)}% (${random.nextInt(50)}MB)" },
                { "[    ${random.nextInt(30)}.${String.format('%06d', random.nextInt(1_000_000))}] usb 1-1: new high-speed USB device number ${random.nextInt(9)} using ehci-pci" },
                { "[    ${random.nextInt(30)}.${String.format('%06d', random.nextInt(1_000_000))}] EXT4-fs (vda1): mounted filesystem with ordered data mode. Opts: (null)" },
                { "[    ${random.nextInt(30)}.${String.format('%06d', random.nextInt(1_000_000))}] random: crng init done" },
                { "Matched prompt #${random.nextInt(6)}: root@debian:~#" },
                { "lava-test-shell: Wait for prompt ['root@debian:~#', 'Login incorrect', 'Login timed out'] (timeout 00:05:00)" },
                { "<LAVA_SIGNAL_TESTCASE TEST_CASE_ID=test-${random.nextInt(400)} RESULT=${random.nextBoolean() ? 'pass' : 'fail'}>" },
                { "end: 2.4.${random.nextInt(9)} auto-login-action (duration 00:00:${String.format('%02d', random.nextInt(60))}) [common]" },
        ]
        def levels = ['info', 'debug', 'target', 'input', 'results']
        def out = new StringBuilder()
        long micros = Instant.parse('2024-05-01T10:00:00Z').toEpochMilli() * 1000
        lines.times {
            micros += random.nextInt(250_000)
            String dt = Instant.ofEpochSecond(micros.intdiv(1_000_000), (micros % 1_000_000) * 1000).toString()
            out << "- {\"dt\": \"${dt}\", \"lvl\": \"${levels[random.nextInt(levels.size())]}\", \"msg\": \"${messages[random.nextInt(messages.size())]()}\"}\n"
        }
        out.toString().getBytes(StandardCharsets.UTF_8)
    }

    def "#what is stored so that it decompresses to exactly its bytes"() {
        given:
        Path file = source('output.yaml', bytes)
        Path stored = dir.resolve('output.yaml.zst')
        def compressed = new AtomicLong()
        def decompressed = new AtomicLong()

        when:
        def result = compress(file, counting(compressed))

        then: 'the manifest learns the size and hash of the stored bytes, and the size of the source'
        result.sourceSize() == bytes.length
        result.size() == Files.size(stored)
        result.sha256() == sha256(Files.readAllBytes(stored))
        compressed.get() == bytes.length

        and: 'any zstd reader gives the bytes back'
        unzstd(stored) == bytes

        when: 'and so does the restore'
        long written = MediaCompression.decompress(stored, dir.resolve('restored'), counting(decompressed))

        then:
        written == bytes.length
        Files.readAllBytes(dir.resolve('restored')) == bytes
        decompressed.get() == bytes.length

        where:
        what                                        | bytes
        'a text log'                                | ('- {"lvl": "info", "msg": "téléchargé ✓"}\n' * 300).getBytes(StandardCharsets.UTF_8)
        'binary data with every byte value'         | binary(70_000)
        'an empty file'                             | new byte[0]
        'a one-byte file'                           | [0] as byte[]
        'a file of exactly one 256 KiB chunk'       | binary(Sha256.CHUNK)
        'a file larger than the 256 KiB chunk'      | binary(Sha256.CHUNK * 3 + 17)
        'a large log, many chunks of it'            | lavaLog(40_000)
    }

    @Requires({ new File('/usr/bin/zstd').canExecute() })
    def "a stored file is plain zstd, as zstdcat reads it: #what"() {
        given:
        Path file = source('output.yaml', bytes)
        compress(file)

        when:
        def zstd = new ProcessBuilder('/usr/bin/zstd', '-d', '-c', '-q', dir.resolve('output.yaml.zst').toString()).start()
        byte[] out = zstd.inputStream.readAllBytes()
        zstd.waitFor(30, TimeUnit.SECONDS)

        then:
        zstd.exitValue() == 0
        out == bytes

        where:
        what          | bytes
        'a log'       | lavaLog(2_000)
        'binary data' | binary(Sha256.CHUNK + 1)
        'empty'       | new byte[0]
    }

    def "the stored file carries the source's mode and mtime, not its size, and no set-id bit"() {
        given:
        Path file = source('output.yaml', lavaLog(2_000), 'rwxr-x---')
        Files.setAttribute(file, 'unix:mode', 06750)
        Files.setLastModifiedTime(file, MTIME)
        UnixAttributes live = UnixAttributes.of(file)

        when:
        def result = compress(file)
        UnixAttributes stored = UnixAttributes.of(dir.resolve('output.yaml.zst'))

        then:
        live.permissions() == 06750
        stored.isRegularFile()
        stored.permissions() == 0750
        stored.mtime() == MTIME
        stored.uid() == live.uid()
        stored.gid() == live.gid()
        stored.size() == result.size()
        stored.size() < live.size()
        result.sourceSize() == live.size()

        and: 'which is what the next backup compares to link it'
        MediaPlanner.sameFile(stored, live)
    }

    @Requires({ UnixAttributes.ROOT })
    def "run as root, the stored file keeps the source's owner"() {
        given:
        Path file = source('output.yaml', 'x: 1\n'.bytes)
        Files.setAttribute(file, 'unix:uid', 4321)
        Files.setAttribute(file, 'unix:gid', 8765)

        when:
        compress(file)
        UnixAttributes stored = UnixAttributes.of(dir.resolve('output.yaml.zst'))

        then:
        stored.uid() == 4321
        stored.gid() == 8765
    }

    def "the mtime stored is the one the plan saw: a file appended to meanwhile looks changed next time"() {
        given:
        Path file = source('output.yaml', 'first part\n'.bytes)
        UnixAttributes planned = UnixAttributes.of(file)
        Files.writeString(file, 'appended\n', StandardOpenOption.APPEND)
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse('2024-03-05T00:00:00Z')))

        when:
        def result = MediaCompression.compress(file, planned, dir.resolve('output.yaml.zst'), Progress.NONE)

        then: 'every byte read is stored, under the older time'
        result.sourceSize() == 'first part\nappended\n'.length()
        new String(unzstd(dir.resolve('output.yaml.zst'))) == 'first part\nappended\n'
        UnixAttributes.of(dir.resolve('output.yaml.zst')).mtime() == MTIME
    }

    def "the stored bytes of LAVA job logs are several times smaller than the logs"() {
        given:
        Path file = source('output.yaml', lavaLog(lines))

        when:
        def result = compress(file)

        then:
        result.sourceSize() == Files.size(file)
        result.size() * 5 < result.sourceSize()
        unzstd(dir.resolve('output.yaml.zst')) == Files.readAllBytes(file)

        where:
        lines << [500, 20_000]
    }

    def "a stored file damaged by #damage does not decompress: zstd's checksum catches it"() {
        given:
        Path file = source('output.yaml', lavaLog(5_000))
        compress(file)
        Path stored = dir.resolve('output.yaml.zst')
        change(stored)

        when:
        MediaCompression.decompress(stored, dir.resolve('restored'), Progress.NONE)

        then:
        thrown(IOException)

        where:
        damage                        | change
        'a flipped bit in the middle' | { Path s -> flip(s, Files.size(s).intdiv(2)) }
        'a flipped bit in the checksum' | { Path s -> flip(s, Files.size(s) - 2) }
        'truncation'                  | { Path s -> FileChannel.open(s, StandardOpenOption.WRITE).withCloseable { it.truncate(Files.size(s) - 1) } }
    }

    static void flip(Path file, long at) {
        FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE).withCloseable { channel ->
            def one = ByteBuffer.allocate(1)
            channel.read(one, at)
            channel.write(ByteBuffer.wrap([(byte) (one.get(0) ^ 0x10)] as byte[]), at)
        }
    }

    def "compressing never overwrites a file already there"() {
        given:
        Path file = source('output.yaml', 'x'.bytes)
        Files.writeString(dir.resolve('output.yaml.zst'), 'kept')

        when:
        compress(file)

        then:
        thrown(FileAlreadyExistsException)
        Files.readString(dir.resolve('output.yaml.zst')) == 'kept'
    }
}
