package org.lavasoftware.deploy.backup

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import org.apache.commons.compress.archivers.tar.TarArchiveEntry
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream
import org.lavasoftware.deploy.adapters.files.BackgroundRemoval
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.FreshCheckout
import org.lavasoftware.deploy.support.InstanceData
import org.lavasoftware.deploy.support.MachineState
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/** Backups and restores of a real instance with real data: what comes back, and what never breaks. */
@Stepwise
class BackupRestoreIntegrationSpec extends Specification {
    @Shared
    Path work = FreshCheckout.openTempDir('ldt-backup')

    @Shared
    Path root = work.resolve('srv-lava')

    @Shared
    InstanceData prod = new InstanceData(root, 'it-bk')

    @Shared
    String checksum

    def setupSpec() {
        FreshCheckout.dir()
        assert tool('--yes', 'install', 'it-bk', '--vhost', 'it-bk.test').status == 0
        assert tool('--yes', 'install', 'it-bk2', '--vhost', 'it-bk2.test').status == 0
    }

    def cleanupSpec() {
        ['it-bk', 'it-bk2'].each { tool('--yes', 'remove', it) }
    }

    CliRun tool(String... args) {
        CliRun.run(['--root', root.toString()] + args.toList())
    }

    Path backups() {
        root.resolve('backups/it-bk')
    }

    List<String> snapshotIds() {
        Files.list(backups()).withCloseable { s -> s.map { it.fileName.toString() }.filter { it ==~ /\d{4}-.*Z(\.\d+)?/ }.sorted().toList() }
    }

    def "a backup of a running instance becomes a private snapshot, and latest"() {
        given: 'users, a job running on a device, and job output'
        prod.django('from django.contrib.auth.models import User; [User.objects.create_user(n, n + "@x.org", "pw") for n in ("alice", "bob")]')
        prod.addRunningJob()
        prod.addMedia('job-output/2024/05/01/1/output.yaml', '- {"lvl": "target", "msg": "booting"}\n' * 5000)
        prod.addMedia('job-output/2024/05/01/1/description.yaml', 'device: qemu-01\n')
        checksum = prod.mediaChecksum()

        when:
        def run = tool('backup', 'it-bk')
        String id = snapshotIds().last()
        Path snapshot = backups().resolve(id)

        then:
        run.status == 0
        Files.readSymbolicLink(backups().resolve('latest')).toString() == id
        PosixFilePermissions.toString(Files.getPosixFilePermissions(snapshot)) == 'rwx------'
        ['database/toc.dat', 'etc.tar.gz', 'instance.conf', 'manifest.json', 'media'].every { Files.exists(snapshot.resolve(it)) }
        Files.list(snapshot.resolve('database')).withCloseable { it.anyMatch { it.fileName.toString() ==~ /\d+\.dat\.zst/ } }
        Files.readString(snapshot.resolve('manifest.json')).contains('"instance": "it-bk"')
        tool('--json', 'snapshots', 'it-bk').out.contains('"kind":"full"')
        tool('--json', 'list').out.contains('"last backup":"' + id + '"')
    }

    def "a second backup copies only what changed; both verify"() {
        given:
        prod.addMedia('job-output/2024/05/02/2/output.yaml', '- {"lvl": "results"}\n' * 100)
        checksum = prod.mediaChecksum()

        when:
        def run = tool('backup', 'it-bk')
        def ids = snapshotIds()

        then:
        run.status == 0
        run.err.contains('(1 media files copied, 2 linked)')
        ids.size() == 2
        Files.isSameFile(backups().resolve("${ids[0]}/media/job-output/2024/05/01/1/output.yaml.zst"),
                backups().resolve("${ids[1]}/media/job-output/2024/05/01/1/output.yaml.zst"))
        tool('verify', 'it-bk', ids[0]).status == 0
        tool('verify', 'it-bk', 'latest').out.contains(': ok')
    }

    def "restore brings the data back exactly, and LAVA's post-restore steps are applied"() {
        given: 'data changed after the backup'
        prod.django('from django.contrib.auth.models import User; User.objects.filter(username="bob").delete(); User.objects.create_user("eve")')
        Files.delete(prod.media().resolve('job-output/2024/05/01/1/output.yaml'))
        prod.addMedia('job-output/2024/05/03/3/output.yaml', 'new since the backup\n')

        when: 'restored into the running instance'
        def refused = tool('--yes', 'restore', 'it-bk', 'latest')
        def run = tool('--yes', 'restore', 'it-bk', 'latest', '--stop')

        then:
        refused.status == 2
        refused.err.contains('is running; stop it first, or pass --stop')
        run.status == 0
        prod.users() == ['alice', 'bob', 'lava-health']
        prod.mediaChecksum() == checksum

        and: 'the restored server does not believe it is mid-job: the job is finished as canceled, the device in maintenance'
        prod.sql('SELECT state, health FROM lava_scheduler_app_testjob') == ['5|3']
        prod.sql('SELECT health FROM lava_scheduler_app_device') == ['4']

        and: 'no staging or previous copy is left, and it serves'
        MachineState.postgresObjects('lava-it-bk-restore').isEmpty()
        MachineState.postgresObjects('lava-it-bk-previous').isEmpty()
        !Files.exists(prod.media().resolveSibling('media.previous'))
        tool('status', 'it-bk').status == 0

        and: 'the media it replaced are removed in the background, after the command returned'
        MachineState.eventually { BackgroundRemoval.discardedIn(prod.media().parent).isEmpty() }
    }

    def "restore TARGET SOURCE/latest clones an instance into another, which keeps its own settings"() {
        given:
        def clone = new InstanceData(root, 'it-bk2')

        when:
        def run = tool('--yes', 'restore', 'it-bk2', 'it-bk/latest', '--stop', '--neutralize')

        then:
        run.status == 0
        clone.users() == ['alice', 'bob', 'lava-health']
        clone.mediaChecksum() == checksum
        clone.sql('SELECT count(*) FROM lava_scheduler_app_notification') == ['0']
        tool('status', 'it-bk2').out.contains('http://it-bk2.test/')
        tool('status', 'it-bk2').status == 0
    }

    def "a snapshot copied to any directory restores from its path"() {
        given:
        Path elsewhere = Files.createDirectories(work.resolve('from-another-machine'))
        String id = snapshotIds().last()
        MachineState.run('cp', '-a', backups().resolve(id).toString(), elsewhere.toString())
        prod.django('from django.contrib.auth.models import User; User.objects.filter(username="alice").delete()')

        when:
        def run = tool('--yes', 'restore-db', 'it-bk', elsewhere.resolve(id).toString(), '--stop')

        then:
        run.status == 0
        prod.users() == ['alice', 'bob', 'lava-health']
    }

    def "a superuser's session on the live database stops the restore at the swap, named; the instance is as it was"() {
        given: 'an administrator in psql on the live database, and data changed since the snapshot'
        prod.django('from django.contrib.auth.models import User; User.objects.create_user("zoe")')
        def psql = new ProcessBuilder('runuser', '-u', 'postgres', '--', 'psql', '-X', '-q', '-d', 'lava-it-bk',
                '-c', 'SELECT pg_sleep(120)').directory(new File('/')).redirectErrorStream(true).start()
        waitForSession('lava-it-bk', 'postgres')

        when:
        def run = tool('--yes', 'restore', 'it-bk', 'latest', '--stop')

        then:
        run.status == 1
        run.err.contains('a superuser session is connected to database lava-it-bk (pid ')
        run.err.contains('close it and run the command again')
        prod.users() == ['alice', 'bob', 'lava-health', 'zoe']
        MachineState.postgresObjects('lava-it-bk-restore').isEmpty()
        tool('status', 'it-bk').status == 0

        cleanup:
        psql?.destroy()
        MachineState.run('runuser', '-u', 'postgres', '--', 'psql', '-X', '-q', '-d', 'postgres', '-c',
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(120)'")
        prod.django('from django.contrib.auth.models import User; User.objects.filter(username="zoe").delete()')
    }

    private static void waitForSession(String database, String user) {
        for (int i = 0; i < 100; i++) {
            def r = MachineState.run('runuser', '-u', 'postgres', '--', 'psql', '-X', '-At', '-d', 'postgres', '-c',
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = '${database}' AND usename = '${user}' AND query LIKE '%pg_sleep%'".toString())
            if (r.out.trim() == '1') {
                return
            }
            Thread.sleep(100)
        }
        throw new IllegalStateException("no session of ${user} on ${database}")
    }

    def "a classic snapshot (pg_dump -Fc, tar czf, no manifest) restores on PostgreSQL 15"() {
        given: 'a snapshot made as the classic tool made them'
        Path classic = Files.createDirectories(work.resolve('classic/it-bk/2013-07-01T10-00-00Z'))
        assert MachineState.run('runuser', '-u', 'postgres', '--', 'pg_dump', '-Fc', '-f', '/tmp/ldt-classic.dump', 'lava-it-bk').status == 0
        MachineState.run('mv', '/tmp/ldt-classic.dump', classic.resolve('database.dump').toString())
        assert MachineState.run('tar', 'czf', classic.resolve('files.tar.gz').toString(), '-C', prod.media().parent.toString(), 'media').status == 0
        assert MachineState.run('tar', 'czf', classic.resolve('etc.tar.gz').toString(), '-C', root.resolve('instances/it-bk').toString(), 'etc').status == 0
        prod.django('from django.contrib.auth.models import User; User.objects.filter(username="bob").delete()')
        Files.delete(prod.media().resolve('job-output/2024/05/02/2/output.yaml'))

        when:
        def run = tool('--yes', 'restore', 'it-bk', classic.toString(), '--stop')

        then:
        run.status == 0
        prod.users() == ['alice', 'bob', 'lava-health']
        prod.mediaChecksum() == checksum
    }

    def "a damaged snapshot is refused before anything changes: #damage"() {
        given: 'a copy of the latest snapshot, damaged'
        Path copy = work.resolve("damaged-${damage.replace(' ', '-')}")
        MachineState.run('cp', '-a', backups().resolve(snapshotIds().last()).toString(), copy.toString())
        harm(copy)
        def usersBefore = prod.users()

        when:
        def run = tool('--yes', 'restore', 'it-bk', copy.toString(), '--stop')

        then:
        run.status == 1
        run.err.contains(message)
        prod.users() == usersBefore
        prod.mediaChecksum() == checksum
        MachineState.postgresObjects('lava-it-bk-restore').isEmpty()

        where:
        damage             | message                     | harm
        'a truncated dump' | 'database/'                 | { Path s -> truncate(largestTable(s)) }
        'a flipped byte'   | 'output.yaml.zst'           | { Path s -> flipByte(s.resolve('media/job-output/2024/05/01/1/output.yaml.zst')) }
    }

    def "a classic archive that climbs out or links out is refused and writes nothing outside: #entry"() {
        given:
        Path classic = Files.createDirectories(work.resolve("evil-${entry.hashCode()}/2013-01-01T00-00-00Z"))
        MachineState.run('cp', work.resolve('classic/it-bk/2013-07-01T10-00-00Z/database.dump').toString(), classic.toString())
        writeArchive(classic.resolve('files.tar.gz'), entry, kind)
        Files.writeString(classic.resolve('etc.tar.gz'), '')

        when:
        def run = tool('--yes', 'restore', 'it-bk', classic.toString(), '--stop')

        then:
        run.status == 1
        run.err.contains(entry)
        !Files.exists(work.resolve('escaped'))
        prod.mediaChecksum() == checksum
        prod.users() == ['alice', 'bob', 'lava-health']

        where:
        entry                    | kind
        'media/../../../escaped' | 'file'
        'media/link'             | 'symlink'
    }

    def "a backup killed while writing leaves no complete-looking snapshot and latest unchanged"() {
        given:
        String latest = Files.readSymbolicLink(backups().resolve('latest')).toString()
        def before = snapshotIds()
        prod.addMedia('job-output/2024/06/01/9/big.log', 'x' * (64 * 1024 * 1024))

        when: 'the backup process is killed once its partial snapshot exists'
        def process = new ProcessBuilder(FreshCheckout.dir().resolve('lava-deployment-tool').toString(), '--root', root.toString(),
                'backup', 'it-bk').redirectErrorStream(true).start()
        waitFor { Files.list(backups()).withCloseable { s -> s.anyMatch { it.fileName.toString().endsWith('.partial') } } }
        MachineState.run('kill', '-9', process.pid().toString())
        process.waitFor()

        then:
        snapshotIds() == before
        Files.readSymbolicLink(backups().resolve('latest')).toString() == latest
        tool('--json', 'list').out.contains('"name":"it-bk","mode":"vhost","state":"interrupted"')

        when:
        def recover = tool('recover', 'it-bk')
        def next = tool('backup', 'it-bk')

        then:
        recover.status == 0
        next.status == 0
        snapshotIds().size() == before.size() + 1
        !Files.list(backups()).withCloseable { s -> s.anyMatch { it.fileName.toString().endsWith('.partial') } }
    }

    def "a second backup of the same instance at the same time is refused, naming the first"() {
        when:
        def first = new ProcessBuilder(FreshCheckout.dir().resolve('lava-deployment-tool').toString(), '--root', root.toString(),
                'backup', 'it-bk', '--full').redirectErrorStream(true).start()
        waitFor { Files.list(backups()).withCloseable { s -> s.anyMatch { it.fileName.toString().endsWith('.partial') } } }
        def second = tool('backup', 'it-bk')
        first.waitFor()

        then:
        second.status == 1
        second.err.contains('instance it-bk is busy: backup of it-bk (pid')
        first.exitValue() == 0
    }

    def "a backup that cannot fit is refused before it writes anything"() {
        given: 'the backups directory on a file system of 256 KiB'
        Path small = Files.createDirectories(root.resolve('backups/it-bk2'))
        MachineState.run('rm', '-rf', small.toString())
        Files.createDirectories(small)
        assert MachineState.run('mount', '-t', 'tmpfs', '-o', 'size=256k,mode=0700', 'tmpfs', small.toString()).status == 0

        when:
        def run = tool('backup', 'it-bk2')

        then:
        run.status == 1
        run.err.contains('not enough space')
        Files.list(small).withCloseable { s -> s.filter { !it.fileName.toString().startsWith('.lock') }.count() } == 0

        cleanup:
        MachineState.run('umount', small.toString())
    }

    def "prune keeps the newest N, never latest, and what remains still verifies"() {
        when:
        def run = tool('prune', 'it-bk', '--keep', '1')
        def ids = snapshotIds()

        then:
        run.status == 0
        ids.size() == 1
        Files.readSymbolicLink(backups().resolve('latest')).toString() == ids[0]
        tool('verify', 'it-bk', 'latest').status == 0
    }

    /** The dump's biggest table file: the one holding the most rows. */
    private static Path largestTable(Path snapshot) {
        Files.list(snapshot.resolve('database')).withCloseable { files ->
            files.filter { it.fileName.toString().endsWith('.dat.zst') }.max(Comparator.comparingLong { Files.size(it) }).get()
        }
    }

    private static void truncate(Path file) {
        def channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.WRITE)
        channel.truncate(Files.size(file).intdiv(2))
        channel.close()
    }

    private static void flipByte(Path file) {
        // the snapshot's files are hard links shared with others: replace the file, do not edit it in place
        byte[] bytes = Files.readAllBytes(file)
        bytes[bytes.length.intdiv(2)] ^= 0x01
        Files.delete(file)
        Files.write(file, bytes)
    }

    private static void writeArchive(Path file, String entry, String kind) {
        new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(file))).withCloseable { tar ->
            if (kind == 'symlink') {
                def e = new TarArchiveEntry(entry, TarArchiveEntry.LF_SYMLINK)
                e.linkName = '/etc'
                tar.putArchiveEntry(e)
            } else {
                byte[] data = 'escaped\n'.bytes
                def e = new TarArchiveEntry(entry, true)
                e.size = data.length
                tar.putArchiveEntry(e)
                tar.write(data)
            }
            tar.closeArchiveEntry()
        }
    }

    private static void waitFor(Closure<Boolean> condition) {
        long deadline = System.currentTimeMillis() + 60_000
        while (!condition()) {
            assert System.currentTimeMillis() < deadline: 'timed out'
            Thread.sleep(10)
        }
    }
}
