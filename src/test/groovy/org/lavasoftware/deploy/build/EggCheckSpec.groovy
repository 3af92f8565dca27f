package org.lavasoftware.deploy.build

import java.nio.file.Path
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.buildout.Origin
import org.lavasoftware.deploy.engine.operations.build.BuildDescription
import org.lavasoftware.deploy.engine.operations.build.EggCheck
import org.lavasoftware.deploy.engine.operations.build.Installed
import org.lavasoftware.deploy.engine.operations.build.Requirement
import spock.lang.Specification

/** Finding each egg of a build in what its environment holds, and checking the pins: pure logic. */
class EggCheckSpec extends Specification {
    static final Origin CUSTOM = new Origin(Path.of('/i/custom.cfg'), 'custom.cfg', 7)
    static final Origin VERSIONS = new Origin(Path.of('/i/custom.cfg'), 'custom.cfg', 12)

    /** What the probe prints for a Debian tree with Django and an editable extension. */
    static final String PROBE = [
            "dist\tlava-server\t2023.1\t/i/code/r/usr/lib/python3/dist-packages",
            "dist\tlava-common\t2023.1\t/i/code/r/usr/lib/python3/dist-packages",
            "dist\tDjango\t3.2.19\t/usr/lib/python3/dist-packages",
            "dist\tbo_ext\t0.3\t/i/code/r/venv/lib/python3.11/site-packages",
            "app\tbo_ext\tboext",
            "module\tlava_server", "module\tlava_scheduler_app", "module\tlava_results_app", "module\tlava_common",
            "lava\t2023.01",
            "/usr/lib/python3/dist-packages/_distutils_hack/__init__.py:33: UserWarning: ignored"].join('\n')

    static BuildDescription build(List<String> eggs, Map<String, String> pins) {
        new BuildDescription(Path.of('/i/custom.cfg'), [], ['server'],
                eggs.collect { new BuildDescription.Egg(Requirement.parse(it), CUSTOM) }, [],
                pins.collectEntries { k, v -> [(Requirement.normalize(k)): new BuildDescription.Pin(v, VERSIONS)] })
    }

    def "an egg is found where it is, at its version: #egg"() {
        when:
        def found = EggCheck.check(build([egg], [:]), Installed.parse(PROBE), '/i/code/download-cache')

        then:
        found*.name == [Requirement.parse(egg).name()]
        found[0].version() == version
        found[0].where() == where
        found[0].apps() == apps

        where:
        egg                   || version  | where                                           | apps
        'lava-server'         || '2023.1' | "LAVA's tree"                                   | []
        'lava-scheduler'      || '2023.1' | "LAVA's tree"                                   | []
        'lava-dashboard'      || '2023.1' | "LAVA's tree"                                   | []
        'Django'              || '3.2.19' | '/usr/lib/python3/dist-packages'                | []
        'django'              || '3.2.19' | '/usr/lib/python3/dist-packages'                | []
        'django >= 3.2'       || '3.2.19' | '/usr/lib/python3/dist-packages'                | []
        'bo-ext'              || '0.3'    | '/i/code/r/venv/lib/python3.11/site-packages'   | ['boext']
        'Bo.Ext'              || '0.3'    | '/i/code/r/venv/lib/python3.11/site-packages'   | ['boext']
    }

    def "a pin is checked as Python packaging compares versions: #egg = #pin"() {
        when:
        EggCheck.check(build([egg], [(egg): pin]), Installed.parse(PROBE), 'cache')

        then:
        noExceptionThrown()

        where:
        egg            | pin
        'lava-server'  | '2023.01'
        'lava-server'  | '2023.1'
        'lava-server'  | '2023.1.0'
        'Django'       | '3.2.19'
        'bo-ext'       | '0.3'
        'bo-ext'       | '==0.3'
    }

    def "a missing egg or one off its pin is refused in one line naming it and where: #what"() {
        when:
        EggCheck.check(build(eggs, pins), Installed.parse(PROBE), '/i/code/download-cache')

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.OPERATION_FAILED
        !e.message.contains('\n')
        says.every { e.message.contains(it) }

        where:
        what                  | eggs                          | pins                     || says
        'not installed'       | ['lava-server', 'lava-extra'] | [:]                      || ['egg lava-extra (eggs, custom.cfg:7) is not installed', '/i/code/download-cache', 'take it out of eggs']
        'pinned elsewhere'    | ['lava-server']               | ['lava-server': '2022.11'] || ['egg lava-server is pinned to 2022.11 ([versions], custom.cfg:12) but 2023.1 is installed']
        'an extension off'    | ['bo-ext']                    | ['bo_ext': '0.4']        || ['egg bo-ext is pinned to 0.4', 'but 0.3 is installed', 'change the pin']
        'the first of two'    | ['nope-one', 'nope-two']      | [:]                      || ['egg nope-one ']
    }

    def "a LAVA component is missing when the tree lacks its package"() {
        given: 'a tree without the scheduler application'
        def probe = PROBE.readLines().findAll { !it.contains('lava_scheduler_app') }.join('\n')

        when:
        EggCheck.check(build(['lava-scheduler'], [:]), Installed.parse(probe), 'cache')

        then:
        def e = thrown(ToolException)
        e.message.startsWith('egg lava-scheduler (eggs, custom.cfg:7) is not installed')
    }

    def "pins of projects that are not eggs of the build are not checked"() {
        expect:
        EggCheck.check(build(['lava-server'], ['Django': '1.4.5', 'South': '0.7.6']), Installed.parse(PROBE), 'c')*.name == ['lava-server']
    }
}
