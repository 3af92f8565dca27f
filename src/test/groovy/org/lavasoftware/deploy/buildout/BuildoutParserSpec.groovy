package org.lavasoftware.deploy.buildout

import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Path
import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import org.lavasoftware.deploy.support.CfgFiles
import spock.lang.Specification

class BuildoutParserSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    CfgFiles cfg

    def setup() {
        cfg = new CfgFiles(dir)
    }

    def "a value is read the way zc.buildout reads it: #how"() {
        expect:
        cfg.value("[s]\n" + lines, 's', 'x') == value

        where:
        how                                                  | lines                                      || value
        'one line'                                           | 'x = a'                                    || 'a'
        'no spaces around ='                                 | 'x=a'                                      || 'a'
        'a colon, as buildout 1 allowed'                     | 'x: a'                                     || 'a'
        'surrounding spaces dropped, inner ones kept'        | 'x =   a  b   '                            || 'a  b'
        'an empty value'                                     | 'x ='                                      || ''
        'continuation lines stripped, blank ones dropped'    | 'x = a\n    b\n\n      c'                 || 'a\nb\nc'
        'a blank line does not end the value'                | 'x = a\n\n  b\ny = 1'                      || 'a\nb'
        'a block keeps relative indentation and inner blanks'| 'x =\n\n    a\n      b\n\n    c\n\n'       || 'a\n  b\n\nc'
        'comment lines inside a value are skipped'           | 'x = a\n# note\n; note\n  b'               || 'a\nb'
        'an indented # is part of the value'                 | 'x =\n  a\n  # not a comment'              || 'a\n# not a comment'
        'a # after the value is part of it'                  | 'x = a # b'                                || 'a # b'
        'a ; after the value is part of it'                  | 'x = a ; b'                                || 'a ; b'
        'a URL fragment is kept'                             | 'x = http://h/p#egg=x'                     || 'http://h/p#egg=x'
        'a later line for the same option wins'              | 'x = 1\nx = 2'                             || '2'
        'Windows line ends'                                  | 'x = a\r\n  b\r\n'                         || 'a\nb'
    }

    def "a section header may carry a comment, and a section named twice is one section"() {
        when:
        def config = cfg.writeAll('buildout.cfg': '''\
# the instance's parts
[s] # first part
a = 1
[t] ; second part
b = 2
[  s  ]
c = 3
''').load()

        then:
        config.section('s').keys() as List == ['a', 'c']
        config.section('t').option('b').get().text() == '2'
    }

    def "each value remembers the file and line that set it"() {
        when:
        def config = cfg.writeAll('buildout.cfg': '''\
[buildout]
parts = server

[server]
recipe = zc.recipe.egg
eggs =
    lava-server
    lava-dashboard
''').load()

        then:
        config.option('buildout', 'parts').get().origins()*.toString() == ['buildout.cfg:2']
        config.option('server', 'eggs').get().origins()*.toString() == ['buildout.cfg:6']
        config.option('server', 'eggs').get().origins()[0].file() == dir.resolve('buildout.cfg')
    }

    def "a malformed file is refused in one line naming the file and line: #problem"() {
        given:
        cfg.write('buildout.cfg', text)

        when:
        cfg.load()

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.BAD_INPUT
        e.message.startsWith("buildout.cfg:${line}: ")
        e.message.contains(says)
        !e.message.contains('\n')

        where:
        problem                          | text                                    | line || says
        'an unclosed header'             | '[buildout\nparts ='                    | 1    || 'is not a section header'
        'an empty header'                | '[buildout]\n[]\n'                      | 2    || 'is not a section header'
        'a header with a space'          | '[lava server]\n'                       | 1    || 'is not a section header'
        'an option before any section'   | '# comment\n\nparts = a\n[buildout]'    | 3    || 'comes before any [section] header'
        'a line that is no option'       | '[buildout]\nparts = a\nnot an option'  | 3    || "is not 'name = value'"
        'an indented line with no option'| '[buildout]\n  parts = a'               | 2    || "is not 'name = value'"
        'a conditional section'          | '[s:python3]\na = 1'                    | 1    || 'conditional section headers'
        'a macro'                        | '[s]\na = 1\n[t]\n<= s'                 | 4    || "'<='"
        'a bad line after a continuation'| '[s]\na =\n    b\n    c\nnot an option'  | 5    || "is not 'name = value'"
        'a bad header after comments'    | '# one\n; two\n\n[s\n'                  | 4    || 'is not a section header'
    }

    def "a malformed file reached through extends is refused naming that file and its line: #problem"() {
        given:
        cfg.write('base/versions.cfg', text)
        cfg.write('buildout.cfg', '[buildout]\nextends = base/versions.cfg\nparts =\n')

        when:
        cfg.load()

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.BAD_INPUT
        e.message.startsWith("base/versions.cfg:${line}: ")
        !e.message.contains('\n')

        where:
        problem                     | text                                  | line
        'an unclosed header'        | '[versions]\nDjango = 3.2\n[oops\n'    | 3
        'a line that is no option'  | '[versions]\n# pins\nDjango 3.2\n'     | 3
    }
}
