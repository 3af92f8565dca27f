package org.lavasoftware.deploy.lifecycle

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.FreshCheckout
import org.lavasoftware.deploy.support.InstanceData
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
 * changes nothing; a conversion failing before its switch leaves the venv serving; the conversion
 * keeps the extension, serves HTTP 200 from code/current, and only then removes the venv.
 */
@Stepwise
class PipToBuildoutIntegrationSpec extends Specification {
    static final String NAME = 'pb-leg'
    static final String HOST = 'pb-leg.test'

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

    def setupSpec() {
        FreshCheckout.dir()
        assert tool('--yes', 'install', NAME, '--vhost', HOST).status == 0
    }

    def cleanupSpec() {
        tool('--yes', 'remove', NAME)
        LinkSafeTempDir.delete(work)
    }

    CliRun tool(String... args) {
        CliRun.run(['--root', root.toString()] + args.toList())
    }

    FreshCheckout.Result recipe(String... args) {
        FreshCheckout.run(['--root', root.toString(), '--yes'] + args.toList())
    }

    static String page() {
        MachineState.run('curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '20', '--resolve',
                "${HOST}:80:127.0.0.1".toString(), "http://${HOST}/".toString()).out
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
        run.out.contains("WARNING: lava.cfg would drop lava-pipext; custom.cfg adds it back")
        run.out.contains('eggs +=\n           lava-pipext')
        run.out =~ /\d+\. remove the pip-based venv   \[point of no return\]/
        run.out.indexOf('remove the pip-based venv') > run.out.indexOf('through Apache')
        run.out.contains("${NAME}: pip has 3 packages in the venv; the target config would drop lava-pipext, which custom.cfg adds back")
        entries() == before
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
