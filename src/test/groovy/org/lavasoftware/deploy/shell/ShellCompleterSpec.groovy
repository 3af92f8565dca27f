package org.lavasoftware.deploy.shell

import org.jline.reader.Candidate
import org.jline.reader.impl.DefaultParser
import spock.lang.Specification

/** Tab on the arguments of a classic command, commands of commands (device, worker) included. */
class ShellCompleterSpec extends Specification {
    def kinds = ['recover': ['NAME'], 'device': ["${ShellCompleter.VERBS}add,list,remove,health".toString()],
                 'device add': ['NAME', 'DEVICE'], 'device health': ['NAME', 'DEVICE', 'HEALTH'], 'worker': [], 'toggle': ['NAME', 'MODE']]
    def completer = new ShellCompleter(new ShellCompleter.Vocabulary({ ['recover', 'device', 'toggle'] }, { ['instance'] },
            { ['devices('] }, { ['prod', 'staging'] }, { [] }, ShellCompleter.kindsFrom(kinds)))

    List<String> complete(String typed) {
        def line = new DefaultParser().parse(typed, typed.length())
        List<Candidate> candidates = []
        completer.complete(null, line, candidates)
        candidates*.value()
    }

    def "'#typed' completes to #expected"() {
        expect:
        complete(typed) == expected

        where:
        typed                                || expected
        'recover '                           || ['prod', 'staging']
        'device '                            || ['add', 'list', 'remove', 'health']
        'device add '                        || ['prod', 'staging']
        'device add prod '                   || []
        'device health prod qemu-01 '        || ['good', 'unknown', 'maintenance', 'bad', 'looping', 'retired']
        'toggle prod '                       || ['vhost', 'location']
    }
}
