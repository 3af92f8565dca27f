package org.lavasoftware.deploy.buildout

import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Path
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.support.CfgFiles
import spock.lang.Specification

class BuildoutSubstitutionSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    CfgFiles cfg

    def setup() {
        cfg = new CfgFiles(dir)
    }

    def "a reference is replaced by the value it names: #how"() {
        expect:
        cfg.value("[paths]\nroot = /srv/lava\n[s]\n" + lines, 's', 'x') == value

        where:
        how                                          | lines                                        || value
        'another section'                            | 'x = ${paths:root}/instances'                || '/srv/lava/instances'
        'the same section, named'                    | 'a = 1\nx = ${s:a}'                          || '1'
        'the same section, unnamed'                  | 'a = 1\nx = ${:a}'                           || '1'
        'a reference to a reference'                 | 'x = ${:b}/log\nb = ${:c}/var\nc = ${paths:root}' || '/srv/lava/var/log'
        'two references in one value'                | 'a = x\nx = ${:a}-${:a}'                     || 'x-x'
        'references on several lines'                | 'x =\n    ${paths:root}/a\n    ${paths:root}/b' || '/srv/lava/a\n/srv/lava/b'
        'the name of the section'                    | 'x = ${:_buildout_section_name_}'            || 's'
        '$$ for a literal $'                         | 'x = $$HOME'                                 || '$HOME'
        '$$ before a brace starts no reference'      | 'x = $${paths:root}'                         || '${paths:root}'
        '$$$ is a $ then a reference'                | 'x = $$${paths:root}'                        || '$/srv/lava'
        'a lone $ is kept'                           | 'x = costs $5'                               || 'costs $5'
        'an unclosed ${ is kept'                     | 'x = ${paths:root'                           || '${paths:root'
        'a } beyond $$ closes nothing'               | 'x = ${paths$$:root}'                        || '${paths$:root}'
    }

    def "references see the merged configuration, across files and whichever file wrote them"() {
        given: 'base.cfg refers to a value that the extending file overrides'
        cfg.writeAll(
                'base.cfg': '[paths]\nname = base\n[server]\nlog = ${paths:root}/${paths:name}.log\n',
                'buildout.cfg': '[buildout]\nextends = base.cfg\n[paths]\nroot = /srv/lava/instances/prod\nname = prod\n')

        when:
        def value = cfg.load().option('server', 'log').get()

        then:
        value.text() == '/srv/lava/instances/prod/prod.log'
        value.origins()*.toString() == ['base.cfg:4']
    }

    def "buildout's own directories can be referred to, as the loaded file's"() {
        given:
        cfg.write('buildout.cfg', '[buildout]\nbin-directory = tools\n[s]\nvar = ${buildout:directory}/var\n'
                + 'bin = ${buildout:bin-directory}\nparts = ${buildout:parts-directory}\n')

        when:
        def section = cfg.load().section('s')

        then:
        section.option('var').get().text() == "${dir}/var"
        section.option('bin').get().text() == "${dir}/tools"
        section.option('parts').get().text() == "${dir}/parts"
        cfg.load().option('buildout', 'directory').get().origins() == [Origin.DEFAULT]
    }

    def "a reference that names nothing is refused with the reference and where it is written: #what"() {
        given:
        cfg.write('buildout.cfg', "[s]\na = 1\nx = ${reference}\n")

        when:
        cfg.load().section('s')

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.BAD_INPUT
        e.message.startsWith("buildout.cfg:3: ${reference} ${says}")

        where:
        what                  | reference          || says
        'an unknown section'  | '${nosuch:a}'      || 'refers to section [nosuch], which no file defines'
        'an unknown option'   | '${s:nosuch}'      || "refers to option 'nosuch', which section [s] does not define"
        'the same section'    | '${:nosuch}'       || "refers to option 'nosuch', which section [s] does not define"
        'no colon'            | '${a}'             || 'is not a reference buildout accepts'
        'two colons'          | '${s:a:b}'         || 'is not a reference buildout accepts'
        'a slash in a name'   | '${s/t:a}'         || 'is not a reference buildout accepts'
        'no option name'      | '${s:}'            || 'is not a reference buildout accepts'
    }

    def "a reference made by += is reported at the line that added it"() {
        given:
        cfg.writeAll('base.cfg': '[s]\neggs = lava-server\n',
                'buildout.cfg': '[buildout]\nextends = base.cfg\n[s]\neggs += ${extra:eggs}\n')

        when:
        cfg.load().option('s', 'eggs')

        then:
        def e = thrown(ToolException)
        e.message == 'buildout.cfg:4: ${extra:eggs} refers to section [extra], which no file defines'
    }

    def "references that come back to where they started are refused as a cycle: #shape"() {
        given:
        cfg.write('buildout.cfg', lines)

        when:
        cfg.load().section('a')

        then:
        def e = thrown(ToolException)
        e.message == "${message}; one of these options must not refer back"

        where:
        shape             | lines                                          || message
        'itself'          | '[a]\nx = ${:x}\n'                             || 'buildout.cfg:2: substitution cycle: ${a:x} -> ${a:x}'
        'two options'     | '[a]\nx = ${:y}\ny = <${:x}>\n'                || 'buildout.cfg:3: substitution cycle: ${a:x} -> ${a:y} -> ${a:x}'
        'across sections' | '[a]\nx = ${b:y}\n[b]\ny = ${c:z}\n[c]\nz = ${a:x}\n' || 'buildout.cfg:6: substitution cycle: ${a:x} -> ${b:y} -> ${c:z} -> ${a:x}'
    }

    def "a bad reference in [buildout] is refused on loading, as buildout reads that section first"() {
        given:
        cfg.write('buildout.cfg', '[buildout]\nparts = ${nosuch:parts}\n')

        when:
        cfg.load()

        then:
        def e = thrown(ToolException)
        e.message.startsWith('buildout.cfg:2: ${nosuch:parts} refers to section [nosuch]')
    }

    def "a bad reference in a section nobody uses does not stop the others, as in buildout"() {
        given:
        cfg.write('buildout.cfg', '[buildout]\nparts = server\n[server]\neggs = lava-server\n[unused]\nx = ${nosuch:x}\n')

        expect:
        cfg.load().eggs('server') == ['lava-server']
    }
}
