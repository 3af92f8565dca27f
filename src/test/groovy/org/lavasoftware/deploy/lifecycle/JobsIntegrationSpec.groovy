package org.lavasoftware.deploy.lifecycle

import java.nio.file.Files
import java.nio.file.Path
import java.time.LocalDateTime
import java.time.format.DateTimeFormatter
import org.lavasoftware.deploy.engine.operations.jobs.SmokeImages
import org.lavasoftware.deploy.engine.operations.jobs.SmokeJob
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.FreshCheckout
import org.lavasoftware.deploy.support.Hosts
import org.lavasoftware.deploy.support.InstanceData
import org.lavasoftware.deploy.support.Lavacli
import org.lavasoftware.deploy.support.MachineState
import org.lavasoftware.deploy.text.Mappers
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Instances that run real jobs: each installed with its local worker, a QEMU device added, jobs
 * submitted with Debian's lavacli through Apache and followed to their end, as a lab's users would;
 * then the same after the lifecycle operations that touch the worker: toggle, backup and restore,
 * a clone, an upgrade (to a revision of a git source), and an upgrade whose job fails.
 */
@Stepwise
class JobsIntegrationSpec extends Specification {
    static final String DEB = 'it-jd'
    static final String GIT = 'it-jg'

    @Shared
    Path work = FreshCheckout.openTempDir('ldt-jobs')

    @Shared
    Path root = work.resolve('srv-lava')

    @Shared
    Path repo = work.resolve('lava.git-work')

    @Shared
    Path jobFile = work.resolve('smoke.yaml')

    @Shared
    Lavacli lavacli = new Lavacli(work.resolve('lavacli-home'))

    def setupSpec() {
        FreshCheckout.dir()
        Hosts.add(["${DEB}.test".toString(), "${GIT}.test".toString()])
        assert tool('--yes', 'install', DEB, '--vhost', "${DEB}.test").status == 0
        def r = MachineState.run(FreshCheckout.basedir().resolve('bench/fixtures/make-lava-git-repo').toString(),
                root.resolve("instances/${DEB}/code/current").toRealPath().toString(), repo.toString(), '--code-only')
        assert r.status == 0: r.out
        assert toolWith([LAVA_SERVER_BRANCH: repo.toString()], '--yes', 'install', GIT, 'r1', '--vhost', "${GIT}.test").status == 0
        Files.writeString(jobFile, SmokeJob.definition(new SmokeImages(new LavaRoot(root)), 'lavacli smoke job'))
        [DEB, GIT].each { lavacli.identity(it, "http://${it}.test/RPC2", 'spec-user', apiToken(it)) }
    }

    def cleanupSpec() {
        [DEB, GIT].each { tool('--yes', 'remove', it) }
        Hosts.removeAll()
    }

    CliRun tool(String... args) {
        toolWith([:], args)
    }

    CliRun toolWith(Map<String, String> env, String... args) {
        CliRun.run(['--root', root.toString()] + args.toList(), env)
    }

    def "each instance runs its own worker beside its server: online, its token private to root"() {
        when:
        String name = workerName(DEB)
        Path token = root.resolve("instances/${DEB}/etc/lava-dispatcher/token")

        then:
        name.endsWith("-${DEB}") && name != workerName(GIT)
        MachineState.eventually { workers(DEB).find { it.name == name }?.state == 'Online' }
        workers(DEB).find { it.name == name }?.version == '2023.01'
        Files.getPosixFilePermissions(token)*.toString().sort() == ['OWNER_READ', 'OWNER_WRITE']
        Files.getOwner(token).name == 'root'
        !MachineState.run('ps', '-eo', 'args').out.contains(Files.readString(token).strip())
        Files.readSymbolicLink(Path.of("/etc/lava-server/dispatcher.d/${name}")) == root.resolve("instances/${DEB}/etc/dispatcher.d/${name}")
        tool('status', DEB).out.contains('worker=running')
    }

    def "a QEMU device on each proves itself Good with its health check, and the two instances' job 1 run at the same time"() {
        given: 'both schedulers stopped while the devices are added, and started together once both workers are online,'
        assert schedulers('stop')

        when: 'so that their first pass schedules both health checks at once'
        def added = [DEB, GIT].collect { tool('--yes', 'device', 'add', it, 'qemu-01', '--type', 'qemu') }
        assert MachineState.eventually { [DEB, GIT].every { i -> workers(i).find { it.name == workerName(i) }?.state == 'Online' } }
        assert schedulers('start')

        then:
        added.every { it.status == 0 && it.err.contains('added to') && it.err.contains('health Unknown') }
        MachineState.eventually(300) { [DEB, GIT].every { devices(it).find { d -> d.name == 'qemu-01' }?.health == 'Good' } }

        and: 'job 1 of each is its health check, Complete, and they overlapped'
        def first = [DEB, GIT].collect { job(it, 1) }
        first.every { it.health == 'Complete' && it.health_check == 'true' }
        time(first[0].start_time) < time(first[1].end_time) && time(first[1].start_time) < time(first[0].end_time)

        and: 'each in its own directory'
        lavacli.run(DEB, 'jobs', 'logs', '1').out.contains("/var/lib/lava/dispatcher/tmp/${DEB}-1")
        lavacli.run(GIT, 'jobs', 'logs', '1').out.contains("/var/lib/lava/dispatcher/tmp/${GIT}-1")
    }

    def "a job submitted with lavacli through Apache completes, every test case passing"() {
        when:
        int id = lavacli.submit(DEB, jobFile)
        def job = lavacli.waitFor(DEB, id)

        then:
        job.health == 'Complete'
        job.device == 'qemu-01'
        lavacli.results(DEB, id).subMap(['0_smoke.kernel-runs', '0_smoke.shell-works']) ==
                ['0_smoke.kernel-runs': 'pass', '0_smoke.shell-works': 'pass']
    }

    def "check runs the smoke job and reports its health, test cases and duration"() {
        when:
        def run = tool('check', DEB)
        def json = tool('--json', 'check', DEB)

        then:
        run.status == 0
        run.out =~ /job \d+ Complete on qemu-01 in \d+ s: 2 of 2 test cases passed/
        run.out.contains('0_smoke.shell-works pass')
        json.status == 0
        Mappers.readJson(json.out, 'check --json').get('passed').asBoolean()
    }

    def "after a toggle to location the worker follows the server's new path, and jobs run"() {
        when:
        assert tool('--yes', 'toggle', DEB, 'location').status == 0
        lavacli.identity("${DEB}-location", "http://127.0.0.1/${DEB}/RPC2", 'spec-user', apiToken(DEB))
        int id = lavacli.submit("${DEB}-location", jobFile)

        then:
        settings(DEB).contains("URL='http://127.0.0.1:")
        settings(DEB).contains("/${DEB}/'")
        lavacli.waitFor("${DEB}-location", id).health == 'Complete'

        when: 'back to its virtual host'
        assert tool('--yes', 'toggle', DEB, 'vhost').status == 0

        then:
        !settings(DEB).contains("/${DEB}/'")
        MachineState.eventually { workers(DEB).find { it.name == workerName(DEB) }?.state == 'Online' }
    }

    def "after a backup and a restore its devices are in maintenance, as LAVA leaves them, and run jobs once declared good"() {
        given:
        assert tool('backup', DEB).status == 0
        Files.writeString(root.resolve("instances/${DEB}/etc/dispatcher-config/devices/qemu-01.jinja2"), 'written after the backup\n')

        when:
        def restore = tool('--yes', 'restore', DEB, 'latest', '--stop')

        then:
        restore.status == 0
        restore.err.contains("device health ${DEB} DEVICE good")
        devices(DEB).find { it.name == 'qemu-01' }.health == 'Maintenance'
        Files.readString(root.resolve("instances/${DEB}/etc/dispatcher-config/devices/qemu-01.jinja2")).contains("extends 'qemu.jinja2'")

        when:
        assert tool('--yes', 'device', 'health', DEB, 'qemu-01', 'good').status == 0
        int id = lavacli.submit(DEB, jobFile)

        then:
        lavacli.waitFor(DEB, id).health == 'Complete'
    }

    def "a clone runs its jobs on its own worker, the original's retired in it"() {
        when:
        def restore = tool('--yes', 'restore', GIT, "${DEB}/latest", '--stop', '--neutralize')
        assert tool('--yes', 'device', 'health', GIT, 'qemu-01', 'good').status == 0
        def check = tool('check', GIT)
        lavacli.identity(GIT, "http://${GIT}.test/RPC2", 'spec-user', apiToken(GIT)) // its users are the original's now

        then:
        restore.status == 0
        devices(GIT).find { it.name == 'qemu-01' }.worker == workerName(GIT)
        workers(GIT).find { it.name == workerName(DEB) }?.health == 'Retired'
        check.status == 0
        check.out.contains('Complete on qemu-01')
    }

    def "an upgrade to another revision of a git source proves itself with the smoke job; server and worker switch together"() {
        when:
        def run = tool('--yes', 'upgrade', GIT, 'r2')
        int id = lavacli.submit(GIT, jobFile)

        then:
        run.status == 0
        run.err.contains("run the smoke job on r2")
        Files.readSymbolicLink(root.resolve("instances/${GIT}/code/current")).toString() == 'r2'
        MachineState.eventually { workers(GIT).find { it.name == workerName(GIT) }?.version?.startsWith('2023.01.0001.g') }
        lavacli.waitFor(GIT, id).health == 'Complete'
    }

    def "a smoke job that fails on the new revision undoes the upgrade"() {
        given: 'a device whose kernel start message never comes: every boot waits in vain'
        Path dictionary = root.resolve("instances/${GIT}/etc/dispatcher-config/devices/qemu-01.jinja2")
        String good = Files.readString(dictionary)
        Files.writeString(dictionary, good + "{% set kernel_start_message = 'no kernel prints this' %}\n")

        when:
        def run = tool('--yes', 'upgrade', GIT, 'r3')

        then:
        run.status == 1
        run.err.contains("'run the smoke job on r3'")
        run.err.contains('did not pass')
        Files.readSymbolicLink(root.resolve("instances/${GIT}/code/current")).toString() == 'r2'
        new InstanceData(root, GIT).sql("SELECT count(*) FROM django_migrations WHERE name = '0020_testsuite_note'") == ['0']
        MachineState.eventually { workers(GIT).find { it.name == workerName(GIT) }?.version?.startsWith('2023.01.0001.g') }

        cleanup:
        Files.writeString(dictionary, good)
    }

    def "bad input is refused in one line and changes nothing"() {
        given:
        Path broken = Files.writeString(work.resolve('broken.jinja2'), "{% extends 'qemu.jinja2' %}\n{% if %}\n")
        Path unknown = Files.writeString(work.resolve('unknown.jinja2'), "{% extends 'nosuchtype.jinja2' %}\n")
        Path refusedJob = Files.writeString(work.resolve('refused.yaml'), 'device_type: qemu\njob_name: x\nno_such_key: 1\n')
        Path recipe = Files.writeString(work.resolve('refused.lava'), "instance('${GIT}').submit('${refusedJob}')\n")
        def before = devices(GIT)*.name

        when:
        def runs = [tool('--yes', 'device', 'add', GIT, 'x-01', '--type', 'nosuchtype', '--dict', unknown.toString()),
                    tool('--yes', 'device', 'add', GIT, 'x-02', '--type', 'qemu', '--dict', broken.toString()),
                    tool('--yes', 'device', 'add', GIT, 'qemu-01', '--type', 'qemu'),
                    tool('run', recipe.toString())]

        then:
        runs*.status == [2, 2, 2, 2]
        runs[0].err.contains("unknown device type 'nosuchtype'")
        runs[1].err.contains('the dictionary of x-02 does not render')
        runs[2].err.contains('device qemu-01 exists already')
        runs[3].err.contains('LAVA refused the job')
        runs.every { it.err.trim().readLines().size() == 1 }
        devices(GIT)*.name == before
        !Files.exists(root.resolve("instances/${GIT}/etc/dispatcher-config/devices/x-02.jinja2"))
    }

    def "the bundled smoke-test recipe submits a job to every instance and tabulates how it went"() {
        when:
        def run = tool('run', FreshCheckout.basedir().resolve('recipes/smoke-test.lava').toString(), "job=${jobFile}")

        then:
        run.status == 0
        run.out.readLines().find { it.startsWith(DEB) }?.contains('Complete')
        run.out.readLines().find { it.startsWith(GIT) }?.contains('Complete')
    }

    def "remove takes the worker away: its link, its jobs' directories, its processes"() {
        given:
        String name = workerName(DEB)

        when:
        def run = tool('--yes', 'remove', DEB)

        then:
        run.status == 0
        !Files.exists(Path.of("/etc/lava-server/dispatcher.d/${name}"), java.nio.file.LinkOption.NOFOLLOW_LINKS)
        MachineState.run('ls', '/var/lib/lava/dispatcher/tmp').out.readLines().every { !it.startsWith("${DEB}-") }
        !MachineState.run('ps', '-eo', 'args').out.contains("instances/${DEB}/")
    }

    /** Stops or starts both instances' schedulers in one supervisorctl command (the service manager of CI's machines). */
    private static boolean schedulers(String action) {
        MachineState.run('supervisorctl', action, "lava-${DEB}:lava-${DEB}-scheduler".toString(),
                "lava-${GIT}:lava-${GIT}-scheduler".toString()).status == 0
    }

    private String workerName(String instance) {
        Files.readString(root.resolve("instances/${instance}/instance.conf")).find(/LAVA_WORKER_NAME='([^']+)'/) { all, n -> n }
    }

    private String settings(String instance) {
        Files.readString(root.resolve("instances/${instance}/etc/lava-dispatcher/lava-worker"))
    }

    private List<Map> workers(String instance) {
        def run = tool('--json', 'worker', 'list', instance)
        assert run.status == 0: run
        Mappers.JSON.readValue(run.out, List)
    }

    private List<Map> devices(String instance) {
        def run = tool('--json', 'device', 'list', instance)
        assert run.status == 0: run
        Mappers.JSON.readValue(run.out, List)
    }

    private Map job(String instance, int id) {
        lavacli.waitFor(instance, id)
    }

    /** A token of a plain user of the instance, made in its Django as an administrator would. */
    private String apiToken(String instance) {
        new InstanceData(root, instance).django('''
from django.contrib.auth.models import User
from linaro_django_xmlrpc.models import AuthToken
user, _ = User.objects.get_or_create(username='spec-user')
token = AuthToken.objects.filter(user=user).first() or AuthToken.objects.create(user=user)
print(token.secret)''').readLines().last().trim()
    }

    private static LocalDateTime time(String lavacliTime) {
        LocalDateTime.parse(lavacliTime, DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm:ss"))
    }
}
