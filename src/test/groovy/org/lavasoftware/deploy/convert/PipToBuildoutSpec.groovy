package org.lavasoftware.deploy.convert

import java.nio.file.Path
import org.lavasoftware.deploy.adapters.python.VenvPackages
import org.lavasoftware.deploy.engine.operations.build.BuildDescription
import org.lavasoftware.deploy.engine.operations.convert.CustomCfg
import org.lavasoftware.deploy.engine.operations.convert.DroppedPackages
import org.lavasoftware.deploy.engine.operations.convert.LegacyPackage
import org.lavasoftware.deploy.engine.operations.convert.PackageFate
import org.lavasoftware.deploy.engine.operations.convert.PipFreeze
import org.lavasoftware.deploy.support.CfgFiles
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Shared
import spock.lang.Specification

/** The pure part of a pip-to-buildout conversion: pip's freeze read, each package's fate, the custom.cfg written. */
class PipToBuildoutSpec extends Specification {
    @Shared
    Path dir = LinkSafeTempDir.create()

    def cleanupSpec() {
        LinkSafeTempDir.delete(dir)
    }

    def "a line of pip freeze gives the project, its version and whether it is editable"() {
        expect:
        PipFreeze.parse(text).collect { [it.name(), it.version(), it.editable()] } == expected

        where:
        text                                                                        || expected
        'Django==1.4.22'                                                            || [['Django', '1.4.22', false]]
        'lava-pipext @ file:///tmp/ext'                                             || [['lava-pipext', null, false]]
        'zope.interface[test] == 5.5'                                               || [['zope.interface', '5.5', false]]
        '-e git+https://git.example.org/ext.git@0a1b#egg=lava_ext'                  || [['lava_ext', null, true]]
        '# Editable install with no version control (lava-dev==0.1)\n-e /srv/src/x' || [['lava-dev', '0.1', true]]
        '-e /srv/lava/instances/old/src/my-tool/'                                   || [['my-tool', null, true]]
        '# comment\n\nlava-server==2023.1\nlava_common===2023.1\n'                  || [['lava-server', '2023.1', false], ['lava_common', '2023.1', false]]
        ''                                                                          || []
    }

    def "a package is LAVA's, the target's, the system's, or dropped and added back; names compare as packaging compares them"() {
        given:
        def frozen = PipFreeze.parse(freeze)
        def inspected = [:]
        if (app != null) {
            inspected[frozen[0].key()] = new VenvPackages.Distribution(frozen[0].name(), '9.9', app, system,
                    editable ? Path.of('/srv/src/x') : null)
        }

        when:
        def p = DroppedPackages.classify(frozen, ['lava-server >= 2013.01', 'Lava.Scheduler', 'Linaro_Dashboard'], inspected)[0]

        then:
        p.fate() == fate
        p.app() == (app ?: false)

        where:
        freeze                       | app   | system  | editable || fate
        'lava_server==2023.1'        | null  | null    | false    || PackageFate.LAVA
        'Linaro-Django-XMLRPC==0.4'  | null  | null    | false    || PackageFate.LAVA
        'lava-scheduler==2013.1'     | null  | null    | false    || PackageFate.LAVA
        'linaro.dashboard==1.0'      | false | null    | false    || PackageFate.TARGET
        'Django==1.4.22'             | false | '3.2.19'| false    || PackageFate.SYSTEM
        'lava-pipext @ file:///x'    | true  | null    | false    || PackageFate.READD
        'lava_pipext==0.2'           | true  | null    | false    || PackageFate.READD
        '-e /srv/src/x'              | true  | null    | true     || PackageFate.DEVELOP
        'lava-ext==0.1'              | false | null    | true     || PackageFate.DEVELOP
        'requests==2.0'              | null  | null    | false    || PackageFate.READD
    }

    def "the version added back is the freeze's, else the metadata's; the description marks an extension"() {
        given:
        def inspected = ['lava-pipext': new VenvPackages.Distribution('lava-pipext', '0.2', true, null, null)]

        when:
        def p = DroppedPackages.classify(PipFreeze.parse('lava-pipext @ file:///x'), ['lava-server'], inspected)[0]

        then:
        p.version() == '0.2'
        p.describe() == 'lava-pipext 0.2: dropped by the target: added back with eggs += (a Django application: LAVA extension)'
        DroppedPackages.dropped([p]) == [p]
    }

    def "custom.cfg extends the target, adds back what it drops in its part, pinned, with develop checkouts"() {
        given:
        def packages = [new LegacyPackage('lava-server', '2023.1', PackageFate.LAVA, true, null, null),
                        new LegacyPackage('Django', '1.4', PackageFate.SYSTEM, false, '3.2', null),
                        new LegacyPackage('lava-pipext', '0.2', PackageFate.READD, true, null, null),
                        new LegacyPackage('lava-dev', null, PackageFate.DEVELOP, true, null, Path.of('/i/src/lava-dev'))]

        expect:
        CustomCfg.text('old', 'lava.cfg', 'server', packages, [Path.of('/i/develop/lava-dev')]) == """\
${CustomCfg.MARKER} for old:
# lava.cfg, and what the pip-based instance had that it would drop
# (pip freeze: last-pip-installed-versions.txt)
[buildout]
extends = lava.cfg
develop +=
    /i/develop/lava-dev

[server]
eggs +=
    lava-pipext
    lava-dev

[versions]
lava-pipext = 0.2
"""
        CustomCfg.text('old', '/etc/lava/base.cfg', 'web', packages.take(2), []) == """\
${CustomCfg.MARKER} for old:
# /etc/lava/base.cfg, and what the pip-based instance had that it would drop
# (pip freeze: last-pip-installed-versions.txt)
[buildout]
extends = /etc/lava/base.cfg
"""
    }

    def "the custom.cfg written is read by the build as extending the target with the extension and its pin"() {
        given:
        def files = new CfgFiles(dir).writeAll(['lava.cfg': '[buildout]\nparts = server\n[server]\neggs =\n    lava-server\n    lava-scheduler\n'])
        def packages = [new LegacyPackage('lava-pipext', '0.2', PackageFate.READD, true, null, null)]
        files.write('custom.cfg', CustomCfg.text('old', 'lava.cfg', 'server', packages, []))

        when:
        def build = BuildDescription.of(files.load('custom.cfg'), dir)

        then:
        build.eggs()*.name() == ['lava-server', 'lava-scheduler', 'lava-pipext']
        build.pins()['lava-pipext'].version() == '0.2'
    }
}
