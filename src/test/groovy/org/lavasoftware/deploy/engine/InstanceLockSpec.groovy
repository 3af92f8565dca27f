package org.lavasoftware.deploy.engine

import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Files
import java.nio.file.Path
import java.time.Duration
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.support.ChildJvm
import org.lavasoftware.deploy.support.HoldLockMain
import spock.lang.Specification

class InstanceLockSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "a second process is refused at once with a message naming the holder"() {
        given: 'another process holds the lock'
        Path lock = dir.resolve('locks/prod.lock')
        def holder = ChildJvm.start(HoldLockMain, [lock.toString(), dir.resolve('ready').toString()])
        ChildJvm.awaitFile(dir.resolve('ready'), holder)

        when:
        InstanceLock.acquire(lock, 'instance prod', 'upgrade of prod', Duration.ZERO, { })

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.OPERATION_FAILED
        e.message == "instance prod is busy: backup of held (pid ${holder.pid()}, since " +
                e.message.find(/since ([^)]+)\)/) { all, since -> since } + ") holds it; wait for it to finish, or pass --wait SECONDS to wait"

        cleanup:
        holder?.destroyForcibly()
    }

    def "with --wait the second process waits, then takes the lock when the holder ends"() {
        given:
        Path lock = dir.resolve('locks/prod.lock')
        def holder = ChildJvm.start(HoldLockMain, [lock.toString(), dir.resolve('ready').toString()])
        ChildJvm.awaitFile(dir.resolve('ready'), holder)
        List<String> notices = []

        when:
        Thread.start { Thread.sleep(500); holder.destroyForcibly() }
        def held = InstanceLock.acquire(lock, 'instance prod', 'upgrade of prod', Duration.ofSeconds(30), { notices << it })

        then:
        notices.any { it.startsWith('waiting for instance prod: backup of held') }
        InstanceLock.holder(lock).get() == 'this process'

        cleanup:
        held?.close()
    }

    def "a lock left by a dead process is taken over, saying so"() {
        given: 'a lock file written by a process that is gone'
        Path lock = dir.resolve('locks/prod.lock')
        Files.createDirectories(lock.parent)
        def bootId = Files.readString(Path.of('/proc/sys/kernel/random/boot_id')).strip()
        long dead = deadPid()
        Files.writeString(lock, "pid=${dead}\nboot=${bootId}\nsince=2026-01-01T00:00:00Z\npurpose=backup of prod\n")
        List<String> notices = []

        when:
        def held = InstanceLock.acquire(lock, 'instance prod', 'upgrade of prod', Duration.ZERO, { notices << it })

        then:
        notices == ["took over the stale lock of instance prod left by backup of prod (pid ${dead}, since 2026-01-01T00:00:00Z), which is gone".toString()]
        Files.readString(lock).contains("pid=${ProcessHandle.current().pid()}")

        cleanup:
        held?.close()
    }

    def "a lock from another boot is stale even if its pid is in use now"() {
        given:
        Path lock = dir.resolve('prod.lock')
        Files.writeString(lock, "pid=1\nboot=another-boot\nsince=2026-01-01T00:00:00Z\npurpose=restore of prod\n")
        List<String> notices = []

        when:
        def held = InstanceLock.acquire(lock, 'instance prod', 'backup', Duration.ZERO, { notices << it })

        then:
        notices.size() == 1
        notices[0].endsWith('which is from another boot')

        cleanup:
        held?.close()
    }

    def "the lock is re-entrant within one process and free again after the last release"() {
        given:
        Path lock = dir.resolve('prod.lock')

        when:
        def outer = InstanceLock.acquire(lock, 'instance prod', 'recipe', Duration.ZERO, { })
        def inner = InstanceLock.acquire(lock, 'instance prod', 'backup', Duration.ZERO, { })
        inner.close()

        then:
        InstanceLock.holder(lock).present

        when:
        outer.close()

        then:
        !InstanceLock.holder(lock).present
        Files.readString(lock) == ''
    }

    private static long deadPid() {
        def p = new ProcessBuilder('true').start()
        p.waitFor()
        p.pid()
    }
}
