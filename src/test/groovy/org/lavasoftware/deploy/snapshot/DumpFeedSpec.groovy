package org.lavasoftware.deploy.snapshot

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.Progress
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification
import spock.lang.Timeout

/**
 * A stored dump laid out for pg_restore: each table's rows come out of a named pipe, decompressed
 * as they are read, and the restore hears when every table's rows have been read (it then stages
 * the media while pg_restore builds indexes).
 */
@Timeout(60)
class DumpFeedSpec extends Specification {
    Path dir = LinkSafeTempDir.create()
    Path stored = dir.resolve('database')
    Path work = dir.resolve('restore-database')

    def setup() {
        Files.createDirectory(stored)
        Files.writeString(stored.resolve('toc.dat'), 'table of contents')
        ['4001.dat': 'rows of the first table\n\\.\n', '4002.dat': 'rows of the second\n' * 50_000 + '\\.\n'].each { name, rows ->
            Files.newOutputStream(stored.resolve(name + MediaCompression.SUFFIX)).withCloseable { out ->
                MediaCompression.compress(new ByteArrayInputStream(rows.bytes), out, Progress.NONE)
            }
        }
    }

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "each table is read decompressed from its pipe, and the end of the rows is heard once all are read"() {
        given:
        def feed = DumpFeed.open(stored, work, Progress.NONE)
        def fed = new CountDownLatch(1)
        def heard = new AtomicInteger()
        feed.start { heard.incrementAndGet(); fed.countDown() }

        when: 'pg_restore reads the first table'
        def first = Files.readString(work.resolve('4001.dat'))

        then: 'the rows are not all read yet'
        first == 'rows of the first table\n\\.\n'
        !fed.await(300, TimeUnit.MILLISECONDS)
        Files.readString(work.resolve('toc.dat')) == 'table of contents'

        when: 'it reads the second'
        def second = Files.readString(work.resolve('4002.dat'))

        then: 'that is heard, once'
        second == 'rows of the second\n' * 50_000 + '\\.\n'
        fed.await(10, TimeUnit.SECONDS)
        heard.get() == 1

        when:
        feed.finish()
        feed.close()

        then: 'the layout is gone'
        !Files.exists(work)
    }

    def "a table pg_restore never read makes the restore fail as not whole, and the end of the rows is still heard"() {
        given:
        def feed = DumpFeed.open(stored, work, Progress.NONE)
        def fed = new CountDownLatch(1)
        feed.start { fed.countDown() }
        Files.readString(work.resolve('4001.dat'))

        when:
        feed.finish()

        then:
        def e = thrown(ToolException)
        e.message == 'the database dump was not restored whole (4002.dat.zst: pg_restore never read it); the snapshot may be damaged: verify it'
        fed.await(10, TimeUnit.SECONDS)

        cleanup:
        feed.close()
    }
}
