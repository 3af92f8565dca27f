package org.lavasoftware.deploy.snapshot

import java.nio.file.Files
import java.nio.file.Path
import java.util.concurrent.ConcurrentHashMap
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification
import spock.lang.Timeout

/**
 * The dump's tables are stored while pg_dump writes them: a real process writes the files here,
 * as pg_dump does (open, write in bursts, close, the next), and the follower must store each whole,
 * a closed one before the writing is over and an open one never before it is closed.
 */
@Timeout(60)
class TreeFollowerSpec extends Specification {
    Path dir = LinkSafeTempDir.create()
    Path scratch = dir.resolve('.scratch-database')
    Map<String, byte[]> stored = new ConcurrentHashMap<>()
    Map<String, Throwable> failed = new ConcurrentHashMap<>()
    Set<String> begun = ConcurrentHashMap.newKeySet()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    TreeFollower follower() {
        new TreeFollower(scratch, { it == 'toc.dat' }, 4, { String name, InputStream input ->
            begun << name
            try {
                stored[name] = input.bytes
            } catch (IOException e) {
                failed[name] = e
                throw e
            }
            // the writer waits for this before it goes on: proof that a file is stored while it writes
            Files.createFile(dir.resolve(name + '.stored'))
        } as TreeFollower.Storing)
    }

    /** Runs {@code script} with bash, the scratch directory as $1, as a child of this JVM as pg_dump is. */
    Process writer(String script) {
        Path file = dir.resolve('writer.sh')
        Files.writeString(file, 'set -eu\ndir=$1\nstored() { for _ in $(seq 1 400); do [[ -e $dir/../$1.stored ]] && return 0; sleep 0.05; done; return 1; }\n' + script)
        new ProcessBuilder('bash', file.toString(), scratch.toString()).redirectErrorStream(true).start()
    }

    def "each file is stored whole: a closed one while the writer goes on, an open one only once it is closed"() {
        given:
        def follower = follower()
        follower.start()

        when:
        def process = writer('''
            mkdir "$dir"                      # the writer makes the directory, as pg_dump does
            exec 3>"$dir/1.dat"
            printf 'first part\\n' >&3
            sleep 0.3
            printf 'second part\\n' >&3
            exec 3>&-
            exec 4>"$dir/2.dat"
            printf 'begun\\n' >&4
            stored 1.dat || exit 3            # 1.dat was stored while 2.dat is open and this runs
            sleep 0.3                         # a pause at the end of an open file is not its end
            printf 'ended\\n' >&4
            exec 4>&-
            head -c 3000000 /dev/zero | tr '\\0' 'x' >"$dir/3.dat"
            printf 'toc' >"$dir/toc.dat"
        ''')
        int status = process.waitFor()
        String output = process.inputStream.text
        follower.finish()
        follower.close()

        then:
        status == 0
        output == ''
        failed.isEmpty()
        new String(stored['1.dat']) == 'first part\nsecond part\n'
        new String(stored['2.dat']) == 'begun\nended\n'
        stored['3.dat'] == ('x' * 3_000_000).bytes

        and: 'what it stored is removed; what it leaves alone stays for the caller'
        stored.keySet() == ['1.dat', '2.dat', '3.dat'] as Set
        Files.list(scratch).withCloseable { it*.fileName*.toString() } == ['toc.dat']
    }

    def "a file written to after it was closed fails the backup instead of being stored cut short"() {
        given:
        def follower = follower()
        follower.start()
        def process = writer('''
            mkdir "$dir"
            printf 'rows\\n' >"$dir/1.dat"
            stored 1.dat || exit 3
            printf 'more rows\\n' >>"$dir/1.dat"
        ''')
        process.waitFor()

        when:
        follower.finish()

        then:
        def e = thrown(IllegalStateException)
        e.message == "${scratch.resolve('1.dat')} has 15 bytes but 5 were stored: it was written to after it was closed"

        cleanup:
        follower.close()
    }

    def "a writer that fails leaves no reader waiting for the rest of its file"() {
        given:
        def follower = follower()
        follower.start()
        def process = writer('''
            mkdir "$dir"
            exec 3>"$dir/1.dat"
            printf 'half a table' >&3
            sleep 600
        ''')

        when: 'the writing is given up while the file is open and being read'
        while (!begun.contains('1.dat')) {
            Thread.sleep(20)
        }
        follower.close()

        then: 'the reader stopped: nothing was stored as if it were whole'
        failed['1.dat'] instanceof InterruptedIOException
        !stored.containsKey('1.dat')

        cleanup:
        process.destroyForcibly()
    }
}
