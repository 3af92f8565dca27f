package org.lavasoftware.deploy.build

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.engine.operations.build.BuildDescription
import org.lavasoftware.deploy.engine.operations.build.BuildoutLocation
import org.lavasoftware.deploy.support.CfgFiles
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

/** What a resolved config asks of a revision, and where LAVA_BUILDOUT_CFG finds it. */
class BuildDescriptionSpec extends Specification {
    Path dir = LinkSafeTempDir.create()
    Path tree = dir.resolve('code/r1')
    CfgFiles cfg = new CfgFiles(dir)

    def setup() {
        Files.createDirectories(tree)
        cfg.write('lava.cfg', '''\
[buildout]
parts =
    server
    settings
develop = src/lava-extra
[server]
recipe = z3c.recipe.scripts
eggs =
    lava-server
    lava-scheduler
    psycopg2 >= 2.4
[settings]
recipe = collective.recipe.template
[versions]
lava-server = 2023.01
''')
    }

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "eggs, develop checkouts and pins come with the line that made each: #custom"() {
        given:
        cfg.write('custom.cfg', '[buildout]\nextends = lava.cfg\n' + custom)

        when:
        def b = BuildDescription.of(cfg.load('custom.cfg'), tree)

        then:
        b.eggs().collect { "${it.name()} ${it.origin()}".toString() } == eggs
        b.selects('lava-scheduler') == scheduler
        b.pins().collectEntries { k, v -> [(k): "${v.version()} ${v.origin()}".toString()] } == pins

        where:
        custom                                                  || eggs                                                              | scheduler | pins
        ''                                                      || ['lava-server lava.cfg:8', 'lava-scheduler lava.cfg:8', 'psycopg2 lava.cfg:8'] | true | ['lava-server': '2023.01 lava.cfg:15']
        '[server]\neggs -= lava-scheduler\n'                    || ['lava-server lava.cfg:8', 'psycopg2 >= 2.4 lava.cfg:8'].collect { it.replace(' >= 2.4', '') } | false | ['lava-server': '2023.01 lava.cfg:15']
        '[server]\neggs += lava-extra\n[versions]\nlava-extra = 0.3\n' || ['lava-server lava.cfg:8', 'lava-scheduler lava.cfg:8', 'psycopg2 lava.cfg:8', 'lava-extra custom.cfg:4'] | true | ['lava-server': '2023.01 lava.cfg:15', 'lava-extra': '0.3 custom.cfg:6']
        '[server]\neggs -= absent\n'                            || ['lava-server lava.cfg:8', 'lava-scheduler lava.cfg:8', 'psycopg2 lava.cfg:8'] | true | ['lava-server': '2023.01 lava.cfg:15']
        '[buildout]\nparts = settings\n'                        || []                                                                | false     | ['lava-server': '2023.01 lava.cfg:15']
    }

    def "develop paths are the buildout directory's, then the installable branches in the tree's local/"() {
        given: 'a branch dir, a link to another, and a dir that is no project'
        Files.createDirectories(tree.resolve('local/lava-scheduler'))
        Files.writeString(tree.resolve('local/lava-scheduler/setup.py'), '')
        Path elsewhere = Files.createDirectories(dir.resolve('src/my-branch'))
        Files.writeString(elsewhere.resolve('pyproject.toml'), '')
        Files.createSymbolicLink(tree.resolve('local/linked'), elsewhere)
        Files.createDirectories(tree.resolve('local/notes'))

        when:
        def b = BuildDescription.of(cfg.load('lava.cfg'), tree)

        then:
        b.develop().collect { "${dir.relativize(it.path())} ${it.from()}".toString() } ==
                ['src/lava-extra lava.cfg:5', 'code/r1/local/lava-scheduler local/', 'code/r1/local/linked local/']
    }

    def "the fingerprint changes with what the build asks, not with comments"() {
        given:
        cfg.write('a.cfg', '[buildout]\nextends = lava.cfg\n# a comment\n')
        cfg.write('b.cfg', '[buildout]\nextends = lava.cfg\n')
        cfg.write('c.cfg', '[buildout]\nextends = lava.cfg\n[server]\neggs -= lava-scheduler\n')

        expect:
        BuildDescription.of(cfg.load('a.cfg'), tree).fingerprint() == BuildDescription.of(cfg.load('b.cfg'), tree).fingerprint()
        BuildDescription.of(cfg.load('a.cfg'), tree).fingerprint() != BuildDescription.of(cfg.load('c.cfg'), tree).fingerprint()
    }

    def "LAVA_BUILDOUT_CFG='#setting' finds #found"() {
        given:
        Files.writeString(dir.resolve('custom.cfg'), '[buildout]\n')
        if (own) {
            Files.writeString(tree.resolve('buildout.cfg'), '[buildout]\n')
        }

        expect:
        BuildoutLocation.locate(tree, setting.replace('DIR', dir.toString())).map { dir.relativize(it).toString() }.orElse('none') == found

        where:
        setting               | own   || found
        ''                    | true  || 'code/r1/buildout.cfg'
        ''                    | false || 'none'
        'buildout.cfg'        | false || 'none'
        '../../custom.cfg'    | false || 'custom.cfg'
        '../../custom.cfg'    | true  || 'custom.cfg'
        'DIR/custom.cfg'      | false || 'custom.cfg'
    }

    def "LAVA_BUILDOUT_CFG naming no file is refused, saying what to do"() {
        when:
        BuildoutLocation.locate(tree, '../../nothing.cfg')

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.BAD_INPUT
        e.message.startsWith('LAVA_BUILDOUT_CFG=../../nothing.cfg names ')
        e.message.contains('set LAVA_BUILDOUT_CFG to an existing config')
    }

    def "only a config outside the tree is known before the fetch: '#setting'"() {
        expect:
        BuildoutLocation.outsideTree(setting) == outside

        where:
        setting                  || outside
        ''                       || false
        'buildout.cfg'           || false
        'buildout-production.cfg'|| false
        '../../custom.cfg'       || true
        '../custom.cfg'          || true
        '/etc/lava/custom.cfg'   || true
    }
}
