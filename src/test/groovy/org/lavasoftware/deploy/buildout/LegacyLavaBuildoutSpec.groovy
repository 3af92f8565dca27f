package org.lavasoftware.deploy.buildout

import java.nio.file.Path
import org.lavasoftware.deploy.support.CfgFiles
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Shared
import spock.lang.Specification

/** The configuration of a classic LAVA instance, as lava-manifest shipped it and a site customised it. */
class LegacyLavaBuildoutSpec extends Specification {
    @Shared
    Path dir = LinkSafeTempDir.create()

    @Shared
    BuildoutConfig config

    def cleanupSpec() {
        LinkSafeTempDir.delete(dir)
    }

    def setupSpec() {
        def cfg = new CfgFiles(dir)
        cfg.write('versions.cfg', '''\
# Every version pinned, for repeatable production deployments
[versions]
Django = 1.4.5
South = 0.7.6
django-openid-auth = 0.4
lava-server = 2013.04
lava-scheduler = 2013.04
lava-dashboard = 2013.04
lava-dispatcher = 0.33.1
psycopg2 = 2.4.6
zc.buildout = 1.6.3
''')
        cfg.write('buildout.cfg', '''\
[buildout]
extends = versions.cfg
parts =
    server
    scripts
develop =
    src/lava-server
    src/lava-dashboard
    src/lava-scheduler
newest = false
versions = versions

[server]
recipe = z3c.recipe.scripts
interpreter = python
eggs =
    lava-server
    lava-scheduler
    lava-dashboard
    lava-dispatcher
    psycopg2
extra-paths = ${buildout:directory}/etc

[scripts]
recipe = z3c.recipe.scripts
eggs = ${server:eggs}
scripts = lava-server
''')
        cfg.write('custom.cfg', '''\
# Local changes to this instance: no scheduler, and our own extension
[buildout]
extends = buildout.cfg

[server]
eggs -= lava-scheduler
eggs += lava-extra

[versions]
lava-extra = 0.3
''')
        config = cfg.load('custom.cfg')
    }

    def "the effective eggs are the shipped ones, less lava-scheduler, plus lava-extra"() {
        expect:
        config.eggs('server') == ['lava-server', 'lava-dashboard', 'lava-dispatcher', 'psycopg2', 'lava-extra']
    }

    def "each change to the eggs is traced to its line, in the order buildout applies them"() {
        expect: 'buildout applies a file\'s += before its -=, whatever their order in the file'
        config.option('server', 'eggs').get().contributions()*.toString() ==
                ['= buildout.cfg:16', '+= custom.cfg:7', '-= custom.cfg:6']
    }

    def "a part that refers to the eggs sees the customised list"() {
        expect:
        config.eggs('scripts') == config.eggs('server')
        config.option('scripts', 'eggs').get().origins()*.toString() == ['buildout.cfg:26']
    }

    def "every pin of versions.cfg holds, with the custom one added: #project #version"() {
        expect:
        config.versions()[project] == version
        config.section('versions').option(project).get().origins()*.toString() == [origin]

        where:
        project          || version   | origin
        'Django'         || '1.4.5'   | 'versions.cfg:3'
        'lava-server'    || '2013.04' | 'versions.cfg:6'
        'lava-scheduler' || '2013.04' | 'versions.cfg:7'
        'zc.buildout'    || '1.6.3'   | 'versions.cfg:11'
        'lava-extra'     || '0.3'     | 'custom.cfg:10'
    }

    def "parts, develop checkouts and files read are those of the shipped configuration"() {
        expect:
        config.parts() == ['server', 'scripts']
        config.develop() == ['src/lava-server', 'src/lava-dashboard', 'src/lava-scheduler'].collect { dir.resolve(it) }
        config.files() == ['versions.cfg', 'buildout.cfg', 'custom.cfg'].collect { dir.resolve(it) }
        config.option('server', 'extra-paths').get().text() == "${dir}/etc"
        config.option('buildout', 'newest').get().origins()*.toString() == ['buildout.cfg:10']
    }
}
