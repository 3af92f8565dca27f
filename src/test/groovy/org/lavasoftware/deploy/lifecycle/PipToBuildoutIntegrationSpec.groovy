package org.lavasoftware.deploy.lifecycle

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.FreshCheckout
import org.lavasoftware.deploy.support.InstanceData
import org.lavasoftware.deploy.support.KillPoints
import org.lavasoftware.deploy.support.LegacyPipInstance
import org.lavasoftware.deploy.support.LinkSafeTempDir
import org.lavasoftware.deploy.support.MachineState
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * recipes/pip-to-buildout.lava through the real launcher, against a real pip-based instance (a venv
 * at the instance's root with LAVA and a pip-installed Django extension, built by the spec): an
 * instance that is not pip-based is refused; the dry run names what the target would drop and
 * changes nothing; on-copy=yes rehearses the conversion on a pip-based copy (its dry run changes
 * nothing), converting the copy and leaving the original as it was; a conversion failing before its
 * switch leaves the venv serving; the conversion keeps the extension, serves HTTP 200 from
 * code/current, and only then removes the venv.
 */
@Stepwise
class PipToBuildoutIntegrationSpec extends Specification {
    static final String NAME = 'pb-leg'
    static final String HOST = 'pb-leg.test'
    static final String COPY = 'pb-leg-copy'
    static final String COPY_HOST = 'pb-leg-copy.test'

    @Shared
    Path work = FreshCheckout.openTempDir('ldt-pip')

    @Shared
    Path root = work.resolve('srv-lava')

    @Shared
    Path instance = root.resolve("instances/${NAME}")

    @Shared
    LegacyPipInstance legacy = new LegacyPipInstance(root, NAME, work)

    @Shared
    InstanceData data = new InstanceData(root, NAME)

    @Shared
    InstanceData copyData = new InstanceData(root, COPY)

    @Shared
    Path copy = root.resolve("instances/${COPY}")

    def setupSpec() {
        FreshCheckout.dir()
        // made into a pip-based instance of the classic tool's time below: those ran no worker of this tool's
        assert tool('--yes', 'install', NAME, '--vhost', HOST, '--no-worker').status == 0
    }

    def cleanupSpec() {
        if (Files.exists(copy)) {
            tool('--yes', 'remove', COPY)
        }
        tool('--yes', 'remove', NAME)
        LinkSafeTempDir.delete(work)
    }

    CliRun tool(String... args) {
        CliRun.run(['--root', root.toString()] + args.toList())
    }

    FreshCheckout.Result recipe(String... args) {
        FreshCheckout.run(['--root', root.toString(), '--yes'] + args.toList())
    }

    static String page(String host = HOST) {
        MachineState.run('curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '20', '--resolve',
                "${host}:80:127.0.0.1".toString(), "http://${host}/".toString()).out
    }

    List<String> entries() {
        Files.list(instance).withCloseable { s -> s.map { it.fileName.toString() }.sorted().toList() }
    }

    def "an instance that is not pip-based is refused in one line, nothing changed"() {
        given:
        def before = entries()

        when:
        def run = recipe('run', 'recipes/pip-to-buildout.lava', "name=${NAME}")

        then:
        run.status == 2
        run.err.readLines().size() == 1
        run.err.contains("${NAME} runs from code/current already (revision 2023.01-2): it is not a pip-based instance, nothing to convert")
        entries() == before
    }

    def "the pip-based instance serves from its venv, imports its extension, and upgrade sends it to convert"() {
        when:
        legacy.make()
        def upgrade = tool('--yes', 'upgrade', NAME)

        then:
        page() == '200'
        data.django('import lava_pipext, lava_server; print(lava_pipext.GREETING, lava_server.__file__)') ==
                "hello from lava_pipext ${legacy.sitePackages()}/lava_server/__init__.py".toString()
        !Files.exists(instance.resolve('code'))
        upgrade.status == 3
        upgrade.err.contains("instance ${NAME} is pip-based (a virtualenv at its root, no code/current): convert it first")
    }

    def "the dry run shows the plan and what the target would drop, and changes nothing"() {
        given:
        def before = entries()

        when:
        def run = recipe('--dry-run', 'run', 'recipes/pip-to-buildout.lava', "name=${NAME}")

        then:
        run.status == 0
        run.out.contains("Plan: conversion of ${NAME} from its pip-based venv to 2023.01-2+bo")
        run.out.contains('lava-pipext 0.2: dropped by the target: added back with eggs += (a Django application: LAVA extension)')
        run.out.contains('lava-server 2023.1: in LAVA\'s tree')
        run.out.contains('lava-dispatcher 2023.1: in LAVA\'s tree') // the release holds the worker too
        run.out.contains("WARNING: lava.cfg would drop lava-pipext; custom.cfg adds it back")
        run.out.contains('eggs +=\n           lava-pipext')
        run.out =~ /\d+\. remove the pip-based venv   \[point of no return\]/
        run.out.indexOf('remove the pip-based venv') > run.out.indexOf('through Apache')
        run.out.contains("${NAME}: pip has 5 packages in the venv; the target config would drop lava-pipext, which custom.cfg adds back")
        entries() == before
    }

    def "on a copy: a bad copy name is refused in one line, and the dry run names the copy and changes nothing"() {
        given:
        def before = entries()

        when:
        def bad = recipe('run', 'recipes/pip-to-buildout.lava', "name=${NAME}", 'copy=Pb-Copy!')
        def same = recipe('run', 'recipes/pip-to-buildout.lava', "name=${NAME}", "copy=${NAME}")
        def run = recipe('--dry-run', 'run', 'recipes/pip-to-buildout.lava', "name=${NAME}", 'on-copy=yes', "vhost=${COPY_HOST}")

        then:
        bad.status == 2
        bad.err.readLines().size() == 1
        bad.err.contains("cannot copy ${NAME} as Pb-Copy!: invalid instance name")
        same.status == 2
        same.err.contains("the copy of ${NAME} needs a name of its own")

        and:
        run.status == 0
        run.out.contains("Plan: pip-based copy of ${NAME} as ${COPY} (${NAME} is only read)")
        run.out.contains("snapshot before the copy: start a snapshot in ${root}/backups/${NAME}")
        run.out.contains("enable Apache site lava-${COPY} for ${COPY_HOST}")
        run.out.contains("restore the snapshot of ${NAME} into ${COPY}, neutralized")
        run.out.contains("notifications off")
        run.out.contains("copy the venv of ${NAME} into ${COPY}")
        run.out.contains("${instance} -> ${copy}")
        run.out.contains("run ${COPY} from its venv, as ${NAME} runs")
        run.out.contains("${NAME} would be copied as ${COPY}, pip-based too, and ${COPY} converted; ${NAME} is only read")
        !Files.exists(copy)
        !Files.exists(root.resolve("backups/${NAME}/latest"))
        entries() == before
    }

    def "on a copy: the copy, pip-based with the original's data, is converted; the original stays as it was"() {
        given: 'data of the original, to be found in the copy'
        data.django("from django.contrib.auth.models import User; User.objects.create_user('pb-carol')")
        def before = entries()
        String env = Files.readString(instance.resolve('etc/lava-server/lava.env'))

        when:
        long start = System.nanoTime()
        def run = recipe('run', 'recipes/pip-to-buildout.lava', "name=${NAME}", 'on-copy=yes', "vhost=${COPY_HOST}")
        println "on-copy took ${(System.nanoTime() - start).intdiv(1_000_000_000)} s"

        then: 'the copy was made pip-based, then converted, keeping the extension'
        run.status == 0
        run.out.contains("${COPY}: a copy of ${NAME} (its data, notifications off), converted from pip to 2023.01-2+bo")
        run.out.contains('  kept: lava-pipext 0.2: dropped by the target')
        run.out.contains("To convert it: ./lava-deployment-tool run recipes/pip-to-buildout.lava name=${NAME}")
        run.out.contains("To remove the copy: ./lava-deployment-tool remove ${COPY}")
        Files.readSymbolicLink(copy.resolve('code/current')).toString().startsWith('2023.01-2+bo')
        Files.readString(copy.resolve('last-pip-installed-versions.txt')).contains('lava-pipext @ file://')
        Files.readString(copy.resolve('custom.cfg')).contains('[server]\neggs +=\n    lava-pipext\n')
        ['lib', 'pyvenv.cfg', 'bin/python', 'bin/activate'].every { !Files.exists(copy.resolve(it), java.nio.file.LinkOption.NOFOLLOW_LINKS) }
        page(COPY_HOST) == '200'
        copyData.django('import lava_pipext; print(lava_pipext.GREETING, lava_pipext.__file__.startswith("' + instance + '/"))') ==
                'hello from lava_pipext False'

        and: 'the copy holds the original\'s data, its notifications off'
        copyData.users().contains('pb-carol')
        copyData.sql('SELECT count(*) FROM lava_scheduler_app_notification') == ['0']
        Files.readString(copy.resolve('etc/lava-server/lava.env')).contains("INSTANCE_NAME='${COPY}'")

        and: 'the original is untouched: its venv, settings, no code/, still serving'
        entries() == before
        !entries().contains('last-pip-installed-versions.txt')
        Files.readString(instance.resolve('etc/lava-server/lava.env')) == env
        Files.isExecutable(instance.resolve('bin/python'))
        !Files.exists(instance.resolve('code'))
        page() == '200'
        data.users().contains('pb-carol')
        tool('status', NAME).status == 0
    }

    def "a conversion that fails before its switch leaves the venv serving, as it was"() {
        given: 'a target config asking for an egg nowhere to be found'
        Files.writeString(work.resolve('broken.cfg'), '[buildout]\nparts = server\n[server]\neggs =\n    lava-server\n    pb-no-such-egg\n')
        def before = entries()
        String env = Files.readString(instance.resolve('etc/lava-server/lava.env'))

        when:
        def run = recipe('run', 'recipes/pip-to-buildout.lava', "name=${NAME}", "config=${work.resolve('broken.cfg')}", 'backup=no')

        then:
        run.status == 1
        run.err.contains("'check the eggs and pins of 2023.01-2+bo")
        run.err.contains('egg pb-no-such-egg')
        entries() == before
        Files.readString(instance.resolve('etc/lava-server/lava.env')) == env
        page() == '200'
    }

    def "a conversion killed before its point of no return is undone: the venv serves, the instance as it was"() {
        given:
        KillPoints kills = new KillPoints(root)
        List<String> convert = ['--yes', 'convert', NAME, '--no-backup']
        KillPoints.KillPlan plan = kills.plan(convert)
        List<Integer> boundaries = plan.sample(['record what pip installed', 'stop the scheduler', 'switch code/current'])
                .findAll { it <= plan.noReturn }
        def before = entries()
        String env = Files.readString(instance.resolve('etc/lava-server/lava.env'))

        expect:
        plan.noReturn > 0 && plan.noReturn < plan.steps
        boundaries.each { int step ->
            String what = kills.killAt('convert', plan, step, convert)
            def recover = kills.recover(NAME)
            assert recover.status == 0: "${what}: ${recover}"
            assert recover.err.contains('the interrupted convert was undone'): what
            assert kills.recover(NAME).status == 2: what
            assert entries() == before: what
            assert Files.readString(instance.resolve('etc/lava-server/lava.env')) == env: what
            assert page() == '200': what
            assert MachineState.postgresObjects("lava-${NAME}-pre-upgrade".toString()).isEmpty(): what
            assert KillPoints.halfWritten(instance).isEmpty(): what
        }
    }

    def "the conversion keeps the extension, serves from code/current, and only then removes the venv"() {
        when:
        def run = recipe('run', 'recipes/pip-to-buildout.lava', "name=${NAME}")
        def shown = tool('--json', 'buildout', NAME)

        then: 'converted, serving through Apache'
        run.status == 0
        run.out.contains("${NAME}: converted from pip to 2023.01-2+bo")
        run.out.contains('  kept: lava-pipext 0.2: dropped by the target')
        page() == '200'
        Files.readSymbolicLink(instance.resolve('code/current')).toString().startsWith('2023.01-2+bo')

        and: 'pip\'s list recorded, and the extension added back by custom.cfg'
        Files.readString(instance.resolve('last-pip-installed-versions.txt')).contains('lava-pipext @ file://')
        Files.readString(instance.resolve('custom.cfg')).contains('extends = lava.cfg\n\n[server]\neggs +=\n    lava-pipext\n\n[versions]\nlava-pipext = 0.2\n')
        Files.readString(instance.resolve('instance.conf')).contains("LAVA_BUILDOUT_CFG='../../custom.cfg'")
        shown.out.contains('{"egg":"lava-pipext","from":"custom.cfg:')
        data.django('import lava_pipext; from django.conf import settings; print(lava_pipext.GREETING, "lava_pipext" in settings.INSTALLED_APPS)') ==
                'hello from lava_pipext True'
        !data.django('import lava_pipext; print(lava_pipext.__file__)').contains("${instance}/lib/")

        and: 'settings and the wsgi file point at code/current; the venv is gone, the instance\'s own bin/ stays'
        Files.readString(instance.resolve('etc/lava-server/lava.env')).contains("PYTHONPATH='${instance}/code/current/usr/lib/python3/dist-packages'")
        Files.readString(instance.resolve('etc/lava-server/lava-server.wsgi')).contains("${instance}/code/current/usr/lib/python3/dist-packages")
        ['lib', 'lib64', 'include', 'share', 'pyvenv.cfg', 'bin/python', 'bin/python3', 'bin/activate'].every {
            !Files.exists(instance.resolve(it), java.nio.file.LinkOption.NOFOLLOW_LINKS)
        }
        Files.isExecutable(instance.resolve('bin/lava-env'))
        Files.isExecutable(instance.resolve('bin/lava-server'))
        tool('status', NAME).status == 0
    }
}
