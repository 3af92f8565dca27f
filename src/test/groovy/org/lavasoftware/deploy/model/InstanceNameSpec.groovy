package org.lavasoftware.deploy.model

import org.lavasoftware.deploy.ExitStatus
import org.lavasoftware.deploy.ToolException
import spock.lang.Specification

class InstanceNameSpec extends Specification {

    def "a name that makes a system user lava-NAME and a PostgreSQL identifier is accepted: #name"() {
        expect:
        InstanceName.of(name).systemName() == "lava-${name}"

        where:
        name << ['prod', 'demo2', 'lab-1', 'a_b', 'x', 'a' * 27]
    }

    def "#description is refused with one line naming the rule, as bad input"() {
        when:
        InstanceName.of(name)

        then:
        def e = thrown(ToolException)
        e.status() == ExitStatus.BAD_INPUT
        !e.message.contains('\n')
        e.message.contains('invalid instance name')
        e.message.contains(reason)

        where:
        description           | name          | reason
        'a path'              | '../x'        | 'system user'
        'a shell separator'   | 'a;b'         | 'system user'
        'a quote'             | "it's"        | 'system user'
        'upper case'          | 'Prod'        | 'system user'
        'unicode'             | 'prödü'       | 'system user'
        'a leading digit'     | '1abc'        | 'system user'
        'a leading dash'      | '-rf'         | 'system user'
        'a space'             | 'my lab'      | 'system user'
        'a newline'           | "a\nb"        | 'system user'
        'empty'               | ''            | 'empty'
        'nothing'             | null          | 'empty'
        'too long for a user' | 'a' * 28      | '32'
    }

    def "a control character in a refused name is shown escaped, so the message stays one line"() {
        when:
        InstanceName.of("a\nb")

        then:
        def e = thrown(ToolException)
        e.message.startsWith("invalid instance name 'a\\x0ab'")
    }
}
