package org.lavasoftware.deploy.crash

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.model.InstanceName
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.FreshCheckout
import org.lavasoftware.deploy.support.InstanceData
import org.lavasoftware.deploy.support.KillPoints
import org.lavasoftware.deploy.support.LinkSafeTempDir
import org.lavasoftware.deploy.support.MachineState
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Every operation on a real instance, killed with SIGKILL at every boundary of its plan, then
 * recovered: the instance serves again, its data are exactly those before or exactly those after,
 * nothing staged or half written is left, and a second recover has nothing to do. One instance
 * carries the whole matrix, each case leaving it consistent for the next.
 */
@Stepwise
class KillAtEveryStepIntegrationSpec extends Specification {
    static final String NAME = 'it-kill'

    /** The restore the restore cases kill: of the latest snapshot, the scheduler stopped for the swap. */
    static final List<String> RESTORE = ['--yes', 'restore', NAME, 'latest', '--stop']

    @Shared
    Path work = FreshCheckout.openTempDir('ldt-kill')

    @Shared
    Path root = work.resolve('srv-lava')

    @Shared
    InstanceData data = new InstanceData(root, NAME)

    @Shared
    KillPoints kills = new KillPoints(root)

    /** The data of the snapshot, and the data the instance has when it diverged from it. */
    @Shared
    Map snapshotData, divergedData

    @Shared
    int cases

    def setupSpec() {
        FreshCheckout.dir()
        assert tool('--yes', 'install', NAME, '--vhost', "${NAME}.test").status == 0
        data.django('from django.contrib.auth.models import User; User.objects.create_user("alice")')
        data.addMedia('job-output/2024/05/01/1/output.yaml', '- {"lvl": "target", "msg": "booting"}\n' * 2000)
        assert tool('backup', NAME).status == 0
        snapshotData = observed()
        diverge()
        divergedData = observed()
        assert snapshotData != divergedData
    }

    def cleanupSpec() {
        System.err.println("KillAtEveryStepIntegrationSpec: ${cases} (operation, step) kills recovered")
        tool('--yes', 'remove', NAME)
        LinkSafeTempDir.delete(work)
    }

    CliRun tool(String... args) {
        CliRun.run(['--root', root.toString()] + args.toList())
    }

    /** What a restore replaces: the users and every media file. */
    Map observed() {
        [users: data.users(), media: data.mediaChecksum()]
    }

    /** Data written after the snapshot; idempotent, so that it brings "after" back to "before". */
    void diverge() {
        data.django('from django.contrib.auth.models import User; User.objects.get_or_create(username="eve")')
        data.addMedia('job-output/2024/05/02/2/output.yaml', 'written after the snapshot\n')
    }

    /** What every recovered case must show, whatever the operation. */
    void recoveredCleanly(FreshCheckout.Result recover, String what) {
        assert recover.status == 0: "${what}: ${recover}"
        assert recover.err.contains('was undone') || recover.err.contains('was finished'): "${what}: ${recover}"
        def again = kills.recover(NAME)
        assert again.status == 2 && again.err.contains('has no interrupted operation'): "${what}: second recover ${again}"
        def status = tool('--json', 'status', NAME)
        assert status.status == 0 && status.out.contains('"http":200'): "${what}: ${status}"
        assert MachineState.postgresObjects("lava-${NAME}-restore".toString()).isEmpty(): what
        assert MachineState.postgresObjects("lava-${NAME}-previous".toString()).isEmpty(): what
        Path lib = root.resolve("instances/${NAME}/var/lib/lava-server")
        ['media.restore', 'media.previous', 'media.restore.unpack'].each { assert !Files.exists(lib.resolve(it)): "${what}: ${it} left" }
        assert KillPoints.halfWritten(root.resolve("instances/${NAME}")).isEmpty(): what
        assert !Files.exists(new LavaRoot(root).instance(InstanceName.of(NAME)).journalFile()): what
        cases++
    }

    def "a restore killed at every step boundary is undone before its point of no return and finished after it"() {
        given:
        List<String> restore = RESTORE
        KillPoints.KillPlan plan = kills.plan(restore)
        int steps = plan.steps
        int noReturn = plan.noReturn

        expect: 'the swap is the point of no return: after it only the restart and the drop of the previous data remain'
        noReturn > 0 && noReturn < steps
        plan.titles[noReturn - 1].startsWith('swap in the ')

        and: 'killed as each step starts, and after the last one, the instance comes back as it was or as restored'
        plan.all().each { int step ->
            String what = kills.killAt('restore', plan, step, restore)
            assert tool('--json', 'list').out.contains("\"interrupted\":\"restore, step ${Math.min(step, steps)} of ${steps}\""): what
            recoveredCleanly(kills.recover(NAME), what)
            Map expected = step <= noReturn ? divergedData : snapshotData
            assert observed() == expected: what
            if (expected == snapshotData) {
                diverge()
            }
        }
    }

    def "the restore killed as it starts the scheduler again after the swap: recover finishes it"() {
        given: 'the case the issue names: killed in its last step, status broken, every command refused'
        List<String> restore = RESTORE
        int steps = kills.plan(restore).steps
        kills.killed('restore', steps, 'before', restore)

        when:
        def status = tool('status', NAME)
        def backup = tool('backup', NAME)
        def recover = kills.recover(NAME)

        then:
        status.out.contains("interrupted (restore, step ${steps} of ${steps})")
        backup.status == 3
        backup.err.contains("run `lava-deployment-tool recover ${NAME}` first")
        recover.status == 0
        recover.err.contains('finishing it')
        recover.err.contains('the interrupted restore was finished')

        and: 'the scheduler runs again, the previous data are gone, the data are the snapshot'
        tool('--json', 'status', NAME).out.contains("\"lava-${NAME}-scheduler\":\"running\"")
        MachineState.postgresObjects("lava-${NAME}-previous".toString()).isEmpty()
        observed() == snapshotData

        cleanup:
        diverge()
    }

    def "a recover killed while it undoes, and one killed while it finishes, are recovered again"() {
        given:
        List<String> restore = RESTORE
        KillPoints.KillPlan plan = kills.plan(restore)
        int steps = plan.steps
        int swap = plan.noReturn

        when: 'a restore killed as it swaps, and its recovery killed as it undoes the staging database'
        kills.killed('restore', swap, 'before', restore)
        def undoKilled = kills.recover(NAME, 'restore:3:undo')
        def undone = kills.recover(NAME)

        then:
        undoKilled.status == 137
        recoveredCleanly(undone, 'recover killed while undoing')
        observed() == divergedData

        when: 'a restore killed after the swap, and its recovery killed as it restarts the scheduler'
        kills.killed('restore', swap + 1, 'before', restore)
        def finishKilled = kills.recover(NAME, "restore:${steps}:before")
        def finished = kills.recover(NAME)

        then:
        finishKilled.status == 137
        recoveredCleanly(finished, 'recover killed while finishing')
        observed() == snapshotData

        cleanup:
        diverge()
    }

    def "a database restore killed at each step boundary is undone before its swap and finished after it"() {
        given:
        List<String> restore = ['--yes', 'restore-db', NAME, 'latest', '--stop']
        KillPoints.KillPlan plan = kills.plan(restore)
        List<Integer> boundaries = plan.sample(['stop lava-'])

        expect:
        plan.titles[plan.noReturn - 1] == 'swap in the restored database'
        boundaries.each { int step ->
            String what = kills.killAt('restore', plan, step, restore)
            recoveredCleanly(kills.recover(NAME), what)
            assert data.users() == (step <= plan.noReturn ? divergedData : snapshotData).users: what
            diverge()
        }
    }

    def "start, stop and restart killed at every step boundary: the services run again after recover"() {
        expect:
        ['start', 'stop', 'restart'].each { String kind ->
            KillPoints.KillPlan plan = kills.plan([kind, NAME])
            plan.all().each { int step ->
                String what = kills.killAt(kind, plan, step, [kind, NAME])
                def recover = kills.recover(NAME)
                assert recover.status == 0: "${what}: ${recover}"
                assert kills.recover(NAME).status == 2: what
                assert MachineState.eventually { tool('--json', 'status', NAME).out.contains('"http":200') }: what
                cases++
            }
        }
    }

    def "setup and toggle_all killed at every step boundary are finished by running them again"() {
        given:
        KillPoints.KillPlan setupPlan = kills.plan(['--yes', 'setup'])
        KillPoints.KillPlan togglePlan = kills.plan(['toggle_all', 'location'])
        List<Integer> toggleKills = togglePlan.sample(['switch LAVA'])

        expect:
        setupPlan.all().each { int step ->
            String what = kills.killAt('setup', setupPlan, step, ['--yes', 'setup'])
            def again = tool('--yes', 'setup')
            assert again.status == 0: "${what}: ${again}"
            assert again.err.contains('by running it again'): what
            assert tool('--json', 'status', NAME).out.contains('"http":200'): what
            cases++
        }
        toggleKills.each { int step ->
            String what = kills.killAt('toggle_all', togglePlan, step, ['toggle_all', 'location'])
            def again = tool('toggle_all', 'location')
            assert again.status == 0: "${what}: ${again}"
            assert tool('--json', 'list').out.contains("\"name\":\"${NAME}\",\"mode\":\"location\""): what
            assert tool('--json', 'status', NAME).out.contains('"http":200'): what
            assert tool('toggle_all', 'vhost').status == 0: what
            cases++
        }
    }

    def "a backup killed at every step boundary leaves the snapshots as they were, or one more that verifies"() {
        given:
        KillPoints.KillPlan plan = kills.plan(['backup', NAME])

        expect:
        plan.all().each { int step ->
            List<String> before = snapshots()
            String latest = Files.readSymbolicLink(root.resolve("backups/${NAME}/latest")).toString()
            String what = kills.killAt('backup', plan, step, ['backup', NAME])
            recoveredCleanly(kills.recover(NAME), what)
            List<String> after = snapshots()
            assert after.size() == before.size() + (plan.finishes(step) ? 1 : 0) && after.containsAll(before): what
            String nowLatest = Files.readSymbolicLink(root.resolve("backups/${NAME}/latest")).toString()
            assert nowLatest == (plan.finishes(step) ? after.last() : latest): what
            after.each { assert tool('verify', NAME, it).status == 0: "${what}: ${it} does not verify" }
            assert KillPoints.halfWritten(root.resolve("backups/${NAME}")).isEmpty(): what
            assert observed() == divergedData: what
        }
    }

    def "a prune killed at every step boundary removes none of the snapshots it chose, or all of them"() {
        given: 'three snapshots each time: the latest stays, two go'
        assert tool('prune', NAME, '--keep', '1').status == 0
        while (snapshots().size() < 3) {
            assert tool('backup', NAME).status == 0
        }
        KillPoints.KillPlan plan = kills.plan(['prune', NAME, '--keep', '1'])

        expect:
        plan.all().each { int step ->
            while (snapshots().size() < 3) {
                assert tool('backup', NAME).status == 0
            }
            List<String> before = snapshots()
            String what = kills.killAt('prune', plan, step, ['prune', NAME, '--keep', '1'])
            recoveredCleanly(kills.recover(NAME), what)
            assert snapshots() == (plan.finishes(step) ? [before.last()] : before): what
            assert !Files.list(root.resolve("backups/${NAME}")).withCloseable { s -> s.anyMatch { it.fileName.toString().endsWith('.pruning') } }: what
        }
    }

    def "a toggle killed at every step boundary leaves the instance served in one mode or the other"() {
        given:
        KillPoints.KillPlan plan = kills.plan(['toggle', NAME, 'location'])

        expect:
        plan.all().each { int step ->
            String what = kills.killAt('toggle', plan, step, ['toggle', NAME, 'location'])
            recoveredCleanly(kills.recover(NAME), what)
            String mode = tool('--json', 'list').out.find(/"name":"${NAME}","mode":"(\w+)"/) { it[1] }
            assert mode == (plan.finishes(step) ? 'location' : 'vhost'): what
            if (mode == 'location') {
                assert tool('toggle', NAME, 'vhost').status == 0: what
            }
            assert observed() == divergedData: what
        }
    }

    def "a backup whose file system fills up while it writes fails, leaving the instance and its snapshots as they were"() {
        given: 'the backups on a small file system, and 20 MB of media that do not compress'
        Path backups = root.resolve("backups/${NAME}")
        List<String> before = snapshots()
        Path moved = Files.move(backups, backups.resolveSibling("${NAME}.aside"))
        Files.createDirectories(backups)
        assert MachineState.run('mount', '-t', 'tmpfs', '-o', 'size=64m,mode=0700', 'tmpfs', backups.toString()).status == 0
        Path big = data.media().resolve('job-output/2024/06/01/9/big.bin')
        Files.createDirectories(big.parent)
        assert MachineState.run('dd', 'if=/dev/urandom', "of=${big}".toString(), 'bs=1M', 'count=20').status == 0
        MachineState.run('chown', '-R', "lava-${NAME}:lava-${NAME}".toString(), big.parent.toString())

        when: 'another process fills the file system while the backup, held still, is writing its snapshot'
        def process = new ProcessBuilder(FreshCheckout.dir().resolve('lava-deployment-tool').toString(), '--root', root.toString(),
                'backup', NAME).redirectErrorStream(true).start()
        // once the settings are in the partial snapshot, the space check is behind it and the media and dump are ahead
        while (!Files.list(backups).withCloseable { s -> s.anyMatch { it.fileName.toString().endsWith('.partial') && Files.exists(it.resolve('instance.conf')) } }) {
            assert process.alive
            Thread.sleep(5)
        }
        MachineState.run('kill', '-STOP', process.pid().toString())
        MachineState.run('dd', 'if=/dev/zero', "of=${backups}/filler".toString(), 'bs=64k')
        MachineState.run('kill', '-CONT', process.pid().toString())
        String output = process.inputStream.text
        int status = process.waitFor()
        Files.delete(backups.resolve('filler'))
        List<String> left = Files.list(backups).withCloseable { s -> s.map { it.fileName.toString() }.filter { !it.startsWith('.lock') }.toList() }

        then: 'the backup failed saying why, and undid itself'
        status == 1
        output.toLowerCase().contains('no space left')
        left.isEmpty()
        tool('--json', 'list').out.contains("\"name\":\"${NAME}\",\"mode\":\"vhost\",\"state\":\"running\"")
        tool('--json', 'status', NAME).out.contains('"http":200')

        cleanup:
        MachineState.run('umount', backups.toString())
        Files.deleteIfExists(backups)
        Files.move(moved, backups)
        Files.deleteIfExists(big)
        assert snapshots() == before
    }

    def "device add, health and remove killed at every step boundary: the device is there wholly, or not at all"() {
        given: 'a board whose dictionary LAVA accepts'
        Path dict = work.resolve('bbb-01.jinja2')
        Files.writeString(dict, "{% extends 'beaglebone-black.jinja2' %}\n{% set connection_command = 'telnet localhost 7000' %}\n")
        Path installed = root.resolve("instances/${NAME}/etc/dispatcher-config/devices/bbb-01.jinja2")
        List<String> add = ['device', 'add', NAME, 'bbb-01', '--type', 'beaglebone-black', '--dict', dict.toString()]
        KillPoints.KillPlan addPlan = kills.plan(add)

        expect: 'an add killed before LAVA has the device is undone: no device, no dictionary; after, it is finished'
        addPlan.noReturn == addPlan.steps
        addPlan.all().each { int step ->
            String what = kills.killAt('device-add', addPlan, step, add)
            recoveredCleanly(kills.recover(NAME), what)
            if (addPlan.finishes(step)) {
                assert devices() == ['bbb-01': 'Unknown'] && Files.exists(installed): what
            } else {
                assert devices() == [:] && !Files.exists(installed): what
            }
        }

        when:
        if (devices().isEmpty()) {
            assert tool(*add).status == 0
        }
        List<String> health = ['device', 'health', NAME, 'bbb-01', 'maintenance']
        KillPoints.KillPlan healthPlan = kills.plan(health)

        then: 'a health change killed anywhere leaves the health it had'
        healthPlan.all().each { int step ->
            String what = kills.killAt('device-health', healthPlan, step, health)
            recoveredCleanly(kills.recover(NAME), what)
            assert devices() == ['bbb-01': 'Unknown']: what
        }

        when:
        List<String> remove = ['--yes', 'device', 'remove', NAME, 'bbb-01']
        KillPoints.KillPlan removePlan = kills.plan(remove)
        int removeSteps = removePlan.steps

        then: 'a removal killed before its point of no return keeps the device; after it, finishes removing it'
        removePlan.all().each { int step ->
            String what = kills.killAt('device-remove', removePlan, step, remove)
            recoveredCleanly(kills.recover(NAME), what)
            if (step > removePlan.noReturn) {
                assert devices() == [:] && !Files.exists(installed): what
                assert tool(*add).status == 0: what
            } else {
                assert devices() == ['bbb-01': 'Unknown'] && Files.exists(installed): what
            }
        }

        cleanup:
        tool('--yes', 'device', 'remove', NAME, 'bbb-01')
    }

    /** The instance's devices and their health, as `device list --json` gives them. */
    Map<String, String> devices() {
        def run = tool('--json', 'device', 'list', NAME)
        assert run.status == 0: run
        (new com.fasterxml.jackson.databind.ObjectMapper().readValue(run.out, List) as List<Map>).collectEntries { [(it.name): it.health] }
    }

    def "an install killed at every step boundary is wholly undone; a remove, wholly undone or wholly finished"() {
        given:
        String other = 'it-kill2'
        List<String> install = ['--yes', 'install', other, '--vhost', "${other}.test".toString()]
        KillPoints.KillPlan installPlan = kills.plan(install)
        List<Integer> installKills = installPlan.sample(['create PostgreSQL database', 'point code/current',
                'register the local worker', 'register and start the services'])

        expect: 'each install killed and recovered leaves nothing of the instance, or all of it'
        installKills.each { int step ->
            String what = kills.killAt('install', installPlan, step, install)
            def recover = kills.recover(other)
            assert recover.status == 0: "${what}: ${recover}"
            assert (installPlan.finishes(step) ? whollyThere(other) : whollyGone(other)): what
            assert kills.recover(other).status == 2: what
            cases++
        }

        when: 'installed, then removed with a kill at every boundary'
        if (!whollyThere(other, false)) {
            assert tool(*install).status == 0
        }
        KillPoints.KillPlan removePlan = kills.plan(['--yes', 'remove', other])
        int removeSteps = removePlan.steps

        then:
        removePlan.noReturn > 0
        removePlan.all().each { int step ->
            String what = kills.killAt('remove', removePlan, step, ['--yes', 'remove', other])
            def recover = kills.recover(other)
            assert recover.status == 0: "${what}: ${recover}"
            if (step > removePlan.noReturn) {
                assert whollyGone(other): what
                if (step <= removeSteps) {
                    assert tool(*install).status == 0: what
                }
            } else {
                assert whollyThere(other): what
            }
            cases++
        }
        whollyGone(other)
    }

    /** Everything of an instance is there and it serves. */
    boolean whollyThere(String name, boolean required = true) {
        def status = tool('--json', 'status', name)
        boolean serves = status.status == 0 && status.out.contains('"http":200')
        assert !required || serves: status
        serves
    }

    /** Nothing of an instance is left anywhere on the machine. */
    boolean whollyGone(String name) {
        assert !Files.exists(root.resolve("instances/${name}")): "${name}: instance directory left"
        assert !MachineState.userExists("lava-${name}"): "${name}: system user left"
        assert MachineState.postgresObjects("lava-${name}".toString()).isEmpty(): "${name}: role or database left"
        assert !MachineState.apacheSite("lava-${name}"): "${name}: Apache site left"
        assert !MachineState.supervisorProgramOf("lava-${name}"): "${name}: supervisord programs left"
        assert !Files.list(Path.of('/etc/lava-server/dispatcher.d')).withCloseable { s ->
            s.anyMatch { it.fileName.toString().endsWith("-${name}") } }: "${name}: worker link left"
        assert !Files.exists(new LavaRoot(root).instance(InstanceName.of(name)).journalFile()): "${name}: journal left"
        true
    }

    /** The complete snapshots of the instance, oldest first. */
    List<String> snapshots() {
        Files.list(root.resolve("backups/${NAME}")).withCloseable { s ->
            s.map { it.fileName.toString() }.filter { it ==~ /\d{4}-.*Z(\.\d+)?/ }.sorted().toList()
        }
    }
}
