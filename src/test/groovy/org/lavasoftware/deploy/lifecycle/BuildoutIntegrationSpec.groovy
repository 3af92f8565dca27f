package org.lavasoftware.deploy.lifecycle

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.FreshCheckout
import org.lavasoftware.deploy.support.InstanceData
import org.lavasoftware.deploy.support.LinkSafeTempDir
import org.lavasoftware.deploy.support.MachineState
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * One real instance shaped by buildout configs, as the classic tool's README describes: a
 * custom.cfg without the scheduler (LAVA_BUILDOUT_CFG=../../custom.cfg, then upgrade); the
 * scheduler back and a local Django extension added with eggs += and develop =; a pin that does not
 * match, refused before anything switches; a branch directory switched to with develop, and back.
 */
@Stepwise
class BuildoutIntegrationSpec extends Specification {
    static final String NAME = 'bo-it'

    @Shared
    Path work = FreshCheckout.openTempDir('ldt-buildout')

    @Shared
    Path root = work.resolve('srv-lava')

    @Shared
    Path instance = root.resolve("instances/${NAME}")

    @Shared
    Path extension = work.resolve('bo-ext')

    @Shared
    InstanceData data = new InstanceData(root, NAME)

    def setupSpec() {
        FreshCheckout.dir()
        assert tool([:], '--yes', 'install', NAME, '--vhost', 'bo-it.test').status == 0
        // the shipped config, as lava-manifest had it, and a tiny Django application to add
        Files.writeString(instance.resolve('lava.cfg'), '''\
[buildout]
parts = server
[server]
recipe = z3c.recipe.scripts
eggs =
    lava-server
    lava-scheduler
''')
        Files.createDirectories(extension.resolve('boext'))
        Files.writeString(extension.resolve('boext/__init__.py'), 'GREETING = "hello from boext"\n')
        Files.writeString(extension.resolve('boext/apps.py'),
                'from django.apps import AppConfig\n\n\nclass BoextConfig(AppConfig):\n    name = "boext"\n')
        Files.writeString(extension.resolve('pyproject.toml'), '[build-system]\nrequires = ["setuptools"]\n'
                + 'build-backend = "setuptools.build_meta"\n\n[project]\nname = "bo-ext"\nversion = "0.3"\n')
    }

    def cleanupSpec() {
        tool([:], '--yes', 'remove', NAME)
        LinkSafeTempDir.delete(work)
    }

    CliRun tool(Map<String, String> env, String... args) {
        CliRun.run(['--root', root.toString()] + args.toList(), env)
    }

    void custom(String text) {
        Files.writeString(instance.resolve('custom.cfg'), '[buildout]\nextends = lava.cfg\n' + text)
    }

    String current() {
        Files.readSymbolicLink(instance.resolve('code/current')).toString()
    }

    static List<String> programs() {
        MachineState.run('supervisorctl', 'status').out.readLines().findAll { it.startsWith("lava-${NAME}:") }
                .collect { it.split(/\s+/)[0].replaceFirst(/^.*:/, '') + ' ' + it.split(/\s+/)[1] }
    }

    static String status() {
        MachineState.run('curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', '--max-time', '20', '--resolve',
                'bo-it.test:80:127.0.0.1', 'http://bo-it.test/').out
    }

    def "a custom.cfg without lava-scheduler, set with LAVA_BUILDOUT_CFG, gives an instance without the scheduler"() {
        given:
        custom('[server]\neggs -= lava-scheduler\n')
        def env = [LAVA_BUILDOUT_CFG: '../../custom.cfg']

        when:
        def plan = tool(env, '--dry-run', 'upgrade', NAME)
        def run = tool(env, '--yes', 'upgrade', NAME, '--no-backup')
        def shown = tool([:], '--json', 'buildout', NAME)

        then: 'the plan says so before anything is done'
        plan.status == 0
        plan.out.contains('no lava-scheduler among the eggs: the instance runs no scheduler service')
        plan.out.contains('check the eggs and pins of 2023.01-2+bo')

        and: 'the new build runs without it, and the web serves'
        run.status == 0
        current().startsWith('2023.01-2+bo')
        programs() == ["lava-${NAME}-publisher RUNNING", "lava-${NAME}-web RUNNING", "lava-${NAME}-worker RUNNING"]*.toString()
        status() == '200'
        Files.readString(instance.resolve('instance.conf')).contains("LAVA_BUILDOUT_CFG='../../custom.cfg'")

        and: 'buildout NAME shows the effective eggs, each with its file and line'
        shown.status == 0
        shown.out.contains('"eggs":[{"egg":"lava-server","from":"lava.cfg:5"}]')
        shown.out.contains('"scheduler":false')
    }

    def "the scheduler comes back, and an extension added with eggs += and develop = is importable and installed"() {
        given: 'the stored LAVA_BUILDOUT_CFG is used: no environment this time'
        custom("develop = ${extension}\n[server]\neggs += bo-ext\n[versions]\nbo-ext = 0.3\n")

        when:
        def run = tool([:], '--yes', 'upgrade', NAME, '--no-backup')

        then:
        run.status == 0
        programs().contains("lava-${NAME}-scheduler RUNNING".toString())
        status() == '200'
        data.django('import boext; from django.conf import settings; print(boext.GREETING, "boext" in settings.INSTALLED_APPS)') ==
                'hello from boext True'
        tool([:], 'buildout', NAME).out.contains('bo-ext')
    }

    def "a pin that does not match refuses before the switch: the instance stays on its revision, serving"() {
        given:
        String before = current()
        List<String> kept = Files.list(instance.resolve('code')).withCloseable { it.map { it.fileName.toString() }.sorted().toList() }
        custom("develop = ${extension}\n[server]\neggs += bo-ext\n[versions]\nbo-ext = 0.4\n")

        when:
        def run = tool([:], '--yes', 'upgrade', NAME, '--no-backup')

        then:
        run.status == 1
        run.err.contains("'check the eggs and pins of ")
        run.err.contains('egg bo-ext is pinned to 0.4 ([versions], custom.cfg:7) but 0.3 is installed')
        current() == before
        Files.list(instance.resolve('code')).withCloseable { it.map { it.fileName.toString() }.sorted().toList() } == kept
        status() == '200'
    }

    def "develop switches to a branch directory, built like the others; rollback returns"() {
        given: 'the pin set right again, and a branch laid out as the Debian tree, with a mark of its own'
        custom("develop = ${extension}\n[server]\neggs += bo-ext\n[versions]\nbo-ext = 0.3\n")
        String before = current()
        Path branch = work.resolve('lava-branch')
        assert MachineState.run('cp', '-a', instance.resolve('code/2023.01-2').toString(), branch.toString()).status == 0
        Files.writeString(branch.resolve('BRANCH'), 'my branch\n')

        when:
        def run = tool([:], '--yes', 'develop', NAME, branch.toString(), '--no-backup')

        then:
        run.status == 0
        current().startsWith('d')
        Files.exists(instance.resolve('code/current/BRANCH'))
        Files.exists(instance.resolve('code/current/venv'))
        status() == '200'

        when:
        def back = tool([:], '--yes', 'rollback', NAME)

        then:
        back.status == 0
        current() == before
        status() == '200'
    }

    def "recipes/local-development.lava switches to the branch directory and says how to go back"() {
        given:
        String before = current()
        Path branch = work.resolve('lava-branch')

        when:
        def run = tool([:], '--yes', 'run', 'recipes/local-development.lava', "name=${NAME}", "path=${branch}", 'backup=no')

        then:
        run.status == 0
        current().startsWith('d')
        Files.exists(instance.resolve('code/current/BRANCH'))
        status() == '200'
        run.out.contains("${NAME}: runs ${branch} as revision ${current()}, running at http://bo-it.test/")
        run.out.contains("to go back: lava-deployment-tool rollback ${NAME} (to ${before})")
    }

    def "recipes/limited-deployment.lava takes the scheduler out with a config extending the current one, and says how to set it back"() {
        given:
        String before = current()

        when: 'a dry run first: nothing is written'
        def plan = tool([:], '--dry-run', 'run', 'recipes/limited-deployment.lava', "name=${NAME}", 'file=limited.cfg')

        then:
        plan.status == 0
        plan.out.contains("would write ${instance.resolve('limited.cfg')}")
        plan.out.contains('extends = custom.cfg')
        !Files.exists(instance.resolve('limited.cfg'))

        when:
        def run = tool([:], '--yes', 'run', 'recipes/limited-deployment.lava', "name=${NAME}", 'file=limited.cfg', 'backup=no')

        then: 'a new build of the same code, without the scheduler; the extension of custom.cfg is still there'
        run.status == 0
        current() != before
        current().startsWith(before.replaceFirst(/\+bo.*$/, '') + '+bo')
        Files.readString(instance.resolve('limited.cfg')).contains('extends = custom.cfg\n\n[server]\neggs -=\n    lava-scheduler\n')
        programs() == ["lava-${NAME}-publisher RUNNING", "lava-${NAME}-web RUNNING", "lava-${NAME}-worker RUNNING"]*.toString()
        status() == '200'
        data.django('import boext; print(boext.GREETING)') == 'hello from boext'
        run.out.contains("to set it back: LAVA_BUILDOUT_CFG=../../custom.cfg lava-deployment-tool upgrade ${NAME} ")

        when: 'set back as the recipe says'
        String back = run.out.readLines().find { it.startsWith('to set it back: ') }
                .replaceFirst(/^to set it back: LAVA_BUILDOUT_CFG=(\S+) lava-deployment-tool upgrade (\S+) (\S+) .*$/, '$1 $3')
        def restored = tool([LAVA_BUILDOUT_CFG: back.split(' ')[0]], '--yes', 'upgrade', NAME, back.split(' ')[1], '--no-backup')

        then: 'the build before, switched back to, with its scheduler'
        restored.status == 0
        current() == before
        programs().contains("lava-${NAME}-scheduler RUNNING".toString())
        status() == '200'
    }
}
