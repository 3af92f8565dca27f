package org.lavasoftware.deploy.buildout

import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Path
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.support.CfgFiles
import spock.lang.Specification

class BuildoutConfigSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    CfgFiles cfg

    def setup() {
        cfg = new CfgFiles(dir)
    }

    def "version pins are read from the section that [buildout] versions names: '#buildout'"() {
        given:
        cfg.write('buildout.cfg', "[buildout]\n${buildout}\n${sections}\n")

        when:
        def config = cfg.load()

        then:
        config.versionsSection() == section
        config.versions() == pins

        where:
        buildout          | sections                                             || section    | pins
        ''                | '[versions]\nDjango = 1.4.5\nSouth = 0.7.6'          || 'versions' | [Django: '1.4.5', South: '0.7.6']
        'versions = pins' | '[pins]\nDjango = 1.4.5\n[versions]\nDjango = 9'    || 'pins'     | [Django: '1.4.5']
        'versions ='      | '[versions]\nDjango = 1.4.5'                         || ''         | [:]
        ''                | ''                                                   || 'versions' | [:]
        ''                | '[versions]\nSouth = ${r:south}\n[r]\nsouth = 0.7.6' || 'versions' | [South: '0.7.6']
    }

    def "pins from extended files are merged, the extending file's winning, each with its origin"() {
        given:
        cfg.writeAll(
                'versions.cfg': '[versions]\nDjango = 1.4.5\nSouth = 0.7.6\n',
                'buildout.cfg': '[buildout]\nextends = versions.cfg\nversions = versions\n[versions]\nDjango = 1.4.8\n')

        when:
        def config = cfg.load()

        then:
        config.versions() == [Django: '1.4.8', South: '0.7.6']
        config.section('versions').option('South').get().origins()*.toString() == ['versions.cfg:3']
        config.section('versions').option('Django').get().origins()*.toString() == ['buildout.cfg:5']
    }

    def "versions naming a section no file defines is refused where it is set"() {
        given:
        cfg.write('buildout.cfg', '[buildout]\nparts =\nversions = pins\n')

        when:
        cfg.load()

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.BAD_INPUT
        e.message.startsWith('buildout.cfg:3: versions = pins names section [pins], which no file defines')
    }

    def "parts and develop are whitespace-separated lists; develop paths are the buildout directory's"() {
        given: 'develop is set in a file of another directory: buildout still reads it from the buildout directory'
        cfg.writeAll(
                'profiles/base.cfg': '[buildout]\ndevelop = src/lava-server\n    /opt/lava-extra\n',
                'buildout.cfg': '[buildout]\nextends = profiles/base.cfg\nparts = server scripts\n    tests\ndevelop += ../shared/lava-tool\n')

        when:
        def config = cfg.load()

        then:
        config.parts() == ['server', 'scripts', 'tests']
        config.develop() == [dir.resolve('src/lava-server'), Path.of('/opt/lava-extra'), dir.resolve('../shared/lava-tool').normalize()]
        config.directory() == dir
    }

    def "eggs are read as zc.recipe.egg reads them: #how"() {
        given:
        cfg.write('buildout.cfg', "[buildout]\nparts = server\n[server]\nrecipe = zc.recipe.egg\n${lines}\n")

        expect:
        cfg.load().eggs('server') == eggs

        where:
        how                                       | lines                                                || eggs
        'one requirement per line'                | 'eggs =\n    lava-server\n    lava-dashboard'       || ['lava-server', 'lava-dashboard']
        'a requirement may hold spaces'           | 'eggs = lava-server >= 2013.01\n    South'           || ['lava-server >= 2013.01', 'South']
        'blank lines are no eggs'                 | 'eggs =\n\n    lava-server\n\n    psycopg2\n'       || ['lava-server', 'psycopg2']
        'the part itself when eggs is not set'    | ''                                                   || ['server']
    }

    def "asking for a section no file defines is refused, listing those that exist"() {
        given:
        cfg.write('buildout.cfg', '[buildout]\nparts = server\n[server]\neggs = lava-server\n')

        when:
        cfg.load().eggs('sever')

        then:
        def e = thrown(ToolException)
        e.message == 'no section [sever] in buildout.cfg or the files it extends; sections are: buildout, server'
    }

    def "every section can be listed with its substituted values"() {
        given:
        cfg.write('buildout.cfg', '[buildout]\nparts = server\n[server]\nbin = ${buildout:bin-directory}/lava-server\n')

        when:
        def sections = cfg.load().sections()

        then:
        sections*.name() == ['buildout', 'server']
        sections[1].option('bin').get().text() == "${dir}/bin/lava-server"
        sections[0].keys().containsAll(['directory', 'bin-directory', 'parts'])
    }
}
