package org.lavasoftware.deploy.buildout

import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Path
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.support.CfgFiles
import spock.lang.Specification

class BuildoutExtendsSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    CfgFiles cfg

    def setup() {
        cfg = new CfgFiles(dir)
    }

    def "of several extended files the later override the earlier, and the extending file overrides all: #option"() {
        given: 'the example of buildout\'s own documentation'
        cfg.writeAll(
                'base1.cfg': '[buildout]\na = 11\nb = 12\n',
                'base2.cfg': '[buildout]\nb = 21\nc = 22\n',
                'base3.cfg': '[buildout]\nc = 31\nd = 32\n',
                'buildout.cfg': '[buildout]\nextends = base1.cfg base2.cfg\n          base3.cfg\nd = 41\n')

        when:
        def value = cfg.load().option('buildout', option).get()

        then:
        value.text() == text
        value.origins()*.toString() == [from]

        where:
        option || text | from
        'a'    || '11' | 'base1.cfg:2'
        'b'    || '21' | 'base2.cfg:2'
        'c'    || '31' | 'base3.cfg:2'
        'd'    || '41' | 'buildout.cfg:4'
    }

    def "a chain of three files, each naming the next relative to itself"() {
        given:
        cfg.writeAll(
                'buildout.cfg': '[buildout]\nextends = profiles/middle.cfg\n[s]\ntop = buildout\n',
                'profiles/middle.cfg': '[buildout]\nextends = ../base/bottom.cfg\n[s]\nmiddle = profiles\nboth = middle\n',
                'base/bottom.cfg': '[s]\nbottom = base\nboth = bottom\n')

        when:
        def config = cfg.load()

        then:
        config.section('s').options().collectEntries { k, v -> [k, v.text()] } ==
                [bottom: 'base', both: 'middle', middle: 'profiles', top: 'buildout']
        config.files() == [dir.resolve('base/bottom.cfg'), dir.resolve('profiles/middle.cfg'), dir.resolve('buildout.cfg')]
        config.option('s', 'both').get().origins()*.toString() == ['profiles/middle.cfg:5']
    }

    def "an absolute path in extends is used as written, and named in full"() {
        given: 'a shared file outside the directory of the loaded one'
        Path shared = cfg.write('shared/site.cfg', '[s]\nfrom = site\n')
        def project = new CfgFiles(dir.resolve('project'))
        project.write('buildout.cfg', "[buildout]\nextends = ${shared}\n")

        when:
        def value = project.load().option('s', 'from').get()

        then:
        value.text() == 'site'
        value.origins()*.toString() == ["${shared}:2".toString()]
    }

    def "a base extended by two files is read for each, which is no cycle"() {
        given:
        cfg.writeAll(
                'common.cfg': '[s]\nx = common\n',
                'dev.cfg': '[buildout]\nextends = common.cfg\n[s]\nx = dev\n',
                'prod.cfg': '[buildout]\nextends = common.cfg\n[s]\ny = prod\n',
                'buildout.cfg': '[buildout]\nextends = dev.cfg prod.cfg\n')

        expect: 'prod.cfg re-applies common.cfg, overriding dev.cfg, as buildout merges it'
        cfg.load().option('s', 'x').get().text() == 'common'
        cfg.load().files()*.fileName*.toString() == ['common.cfg', 'dev.cfg', 'prod.cfg', 'buildout.cfg']
    }

    def "extends is read, not kept as an option of the result"() {
        given:
        cfg.writeAll('base.cfg': '[buildout]\nparts =\n', 'buildout.cfg': '[buildout]\nextends = base.cfg\n')

        expect:
        cfg.load().option('buildout', 'extends').isEmpty()
    }

    def "a cycle of extends is refused with the chain of files: #shape"() {
        given:
        cfg.writeAll(files)

        when:
        cfg.load()

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.BAD_INPUT
        e.message.startsWith(message)

        where:
        shape           | files                                                        || message
        'itself'        | ['buildout.cfg': '[buildout]\nextends = buildout.cfg\n']     || 'buildout.cfg:2: extends cycle: buildout.cfg -> buildout.cfg;'
        'two files'     | ['buildout.cfg': '[buildout]\nextends = a.cfg\n',
                           'a.cfg'       : '[buildout]\nextends = buildout.cfg\n']    || 'a.cfg:2: extends cycle: buildout.cfg -> a.cfg -> buildout.cfg;'
        'deeper down'   | ['buildout.cfg': '[buildout]\nextends = a.cfg\n',
                           'a.cfg'       : '[buildout]\nextends = b.cfg\n',
                           'b.cfg'       : '[buildout]\n\nextends = ./a.cfg\n']       || 'b.cfg:3: extends cycle: buildout.cfg -> a.cfg -> b.cfg -> a.cfg;'
    }

    def "a missing file is refused naming it and the file that extends it"() {
        given:
        cfg.writeAll('buildout.cfg': '[buildout]\nextends = base.cfg\n',
                'base.cfg': '[buildout]\nextends =\n    versions.cfg\n    sub/missing.cfg\n',
                'versions.cfg': '[versions]\n')

        when:
        cfg.load()

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.BAD_INPUT
        e.message == "base.cfg:2: extends sub/missing.cfg, which does not exist (${dir.resolve('sub/missing.cfg')}); fix the path or create the file"
    }

    def "a missing configuration file is refused naming it"() {
        when:
        cfg.load('custom.cfg')

        then:
        def e = thrown(ToolException)
        e.message == 'custom.cfg: no such configuration file'
    }

    def "extending a URL is refused: this tool reads local files"() {
        given:
        cfg.write('buildout.cfg', '[buildout]\nextends = http://example.org/versions.cfg\n')

        when:
        cfg.load()

        then:
        def e = thrown(ToolException)
        e.message.startsWith('buildout.cfg:2: extends http://example.org/versions.cfg, a URL;')
    }
}
