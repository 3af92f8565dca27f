package org.lavasoftware.deploy.model

import org.lavasoftware.deploy.ToolException
import spock.lang.Specification

class ShellAssignmentsSpec extends Specification {

    def "the classic file format is read as the shell would read it: #line"() {
        expect:
        ShellAssignments.parse(line, 'instance.conf') == [KEY: value]

        where:
        line                          | value
        "KEY='plain'"                 | 'plain'
        "KEY='with spaces'"           | 'with spaces'
        "KEY='it'\\''s'"              | "it's"
        'KEY="double \\"quoted\\""'   | 'double "quoted"'
        'KEY="$not expanded"'         | '$not expanded'
        "KEY='\$HOME'"                | '$HOME'
        'KEY=bare'                    | 'bare'
        'KEY='                        | ''
        "export KEY='exported'"       | 'exported'
        "KEY='value' # a comment"     | 'value'
        'KEY=a#b'                     | 'a#b'
        "  KEY='indented'"            | 'indented'
    }

    def "comments and blank lines are skipped"() {
        expect:
        ShellAssignments.parse("# a comment\n\nA='1'\n   # another\nB='2'\n", 'f') == [A: '1', B: '2']
    }

    def "a value survives quoting and reading back, whatever it holds: #value"() {
        expect:
        ShellAssignments.parse(ShellAssignments.assignment('K', value), 'f').K == value

        where:
        value << ["it's", 'a b  c', '$USER and ${HOME}', '"quoted"', 'back\\slash', "mixed ' and \"", '`cmd`', '']
    }

    def "a line that is not an assignment is refused with its file and line number"() {
        when:
        ShellAssignments.parse("A='1'\nrm -rf /\n", '/srv/lava/instances/x/instance.conf')

        then:
        def e = thrown(ToolException)
        e.message.startsWith('/srv/lava/instances/x/instance.conf:2: ')
    }

    def "an unclosed quote is refused with its line number"() {
        when:
        ShellAssignments.parse("A='1'\nB='open\n", 'f')

        then:
        def e = thrown(ToolException)
        e.message.startsWith('f:2: a quote is not closed')
    }
}
