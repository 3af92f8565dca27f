package org.lavasoftware.deploy.cli

import org.lavasoftware.deploy.support.CliRun
import spock.lang.Specification

class CommandSummariesSpec extends Specification {

    def "the list of commands shows what each does, up to its first colon or full stop: '#text'"() {
        expect:
        CommandSummaries.firstClause(text) == clause

        where:
        text                                                                           || clause
        'Create a LAVA instance: system user lava-NAME, its directories.'             || 'Create a LAVA instance'
        'Destroy an instance. Its backups stay.'                                       || 'Destroy an instance'
        'Upgrade an instance (LAVA_SERVER_BRANCH: the newest without REVNO): migrations' || 'Upgrade an instance (LAVA_SERVER_BRANCH: the newest without REVNO)'
        'Install revision 2023.01 of the code. Then more.'                             || 'Install revision 2023.01 of the code'
        'Print the version'                                                            || 'Print the version'
        'Back up into ROOT/backups/NAME/ID (UTC time): the database'                   || 'Back up into ROOT/backups/NAME/ID (UTC time)'
    }

    def "help lists every visible command on one line each, and a command's help is one paragraph"() {
        when:
        def run = CliRun.run(['help'])
        def commands = run.out.readLines().dropWhile { it != 'Commands:' }.drop(1)
        def backupHelp = CliRun.run(['backup', '--help']).out

        then:
        run.status == 0
        commands.find { it.startsWith('  install ') }.split(/\s+/, 3)[2] == 'Create a LAVA instance'
        commands.find { it.startsWith('  backup ') }.contains('Back up instances into ROOT/backups/NAME/ID (UTC time)')
        commands.every { !it.contains('__cds-training') }
        !run.out.contains('null')                               // a literal ${...} is not taken for a variable
        CliRun.run(['buildout', '--help']).out.contains('${section:option}')
        def description = backupHelp.readLines().dropWhile { !it.startsWith('Back up') }.takeWhile { !it.startsWith(' ') }
        description.size() >= 2
        description.dropRight(1).every { it.length() > 60 }   // wrapped to the width, not where the source broke lines
    }

    def "a command of commands lists its verbs one line each, and each verb's help is one paragraph: #command"() {
        when:
        def help = CliRun.run([command, '--help']).out
        def verbs = help.readLines().dropWhile { it != 'Commands:' }.drop(1).takeWhile { it.startsWith('  ') }
        def verbHelp = CliRun.run([command, verb, '--help']).out

        then:
        verbs*.trim()*.split(/\s+/, 2)*.getAt(0) == expected
        verbs.every { it.length() <= 80 }
        def description = verbHelp.readLines().drop(1).dropWhile { it.startsWith(' ') }.takeWhile { !it.startsWith(' ') }
        description.dropRight(1).every { it.length() > 60 }

        where:
        command  | verb  || expected
        'device' | 'add' || ['add', 'list', 'remove', 'health']
        'worker' | 'list' || ['list']
    }
}
