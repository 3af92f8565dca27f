package org.lavasoftware.deploy.cli

import org.lavasoftware.deploy.adapters.web.MachineName
import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Path
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.TempRoot
import spock.lang.Specification

class CommandLineSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "version prints the tool's version on stdout, as text or JSON"() {
        expect:
        CliRun.run(['version']).out ==~ /lava-deployment-tool \d+\.\d+\.\d+\n/
        CliRun.run(['--json', 'version']).out ==~ /\{"version":"\d+\.\d+\.\d+"\}\n/
    }

    def "list shows every instance with its mode, state, revision and URL; --json gives the same as data"() {
        given: 'one instance at the root of its virtual host, one under /prod/ on the default site'
        def temp = new TempRoot(dir)
        temp.instance('prod', "LAVA_CONFIG_VERSION='5'\nLAVA_WEB_MODE='location'\nLAVA_APACHE_VHOST='lava.example.org'\n", '2023.01-2')
        temp.instance('lab')
        String location = "http://${MachineName.get()}/prod/"
        int width = Math.max('http://lab/'.length(), location.length())

        when:
        def table = CliRun.run(['list', '--root', dir.toString()])
        def json = CliRun.run(['--root', dir.toString(), '--json', 'list'])

        then:
        table.status == 0
        table.out == """\
            NAME  MODE      STATE         REVISION   WORKERS  DEVICES  ${'URL'.padRight(width)}  LAST BACKUP
            lab   vhost     not deployed  none       -        -        ${'http://lab/'.padRight(width)}  -
            prod  location  not deployed  2023.01-2  -        -        ${location.padRight(width)}  -
            """.stripIndent()
        json.out.trim() == '[{"name":"lab","mode":"vhost","state":"not deployed","revision":"none","workers":null,"devices":null,' +
                '"url":"http://lab/","last backup":null},{"name":"prod","mode":"location","state":"not deployed","revision":"2023.01-2",' +
                '"workers":null,"devices":null,"url":"' + location + '","last backup":null}]'
    }

    def "the root comes from LAVA_ROOT when --root is not given"() {
        given:
        new TempRoot(dir).instance('fromenv')

        expect:
        CliRun.run(['list'], [LAVA_ROOT: dir.toString()]).out.contains('fromenv')
    }

    def "list of an empty root prints no data and says why on stderr"() {
        when:
        def run = CliRun.run(['--root', dir.toString(), 'list'])

        then:
        run.status == 0
        run.out == ''
        run.err.trim() == "no instances under ${dir}".toString()
    }

    def "bad usage is one line on stderr and exit status 2: #args"() {
        when:
        def run = CliRun.run(args)

        then:
        run.status == 2
        run.out == ''
        run.err.readLines().size() == 1
        run.err.startsWith('error: ')
        run.err.contains(expected)

        where:
        args                             | expected
        ['lsit']                         | "unknown command 'lsit' (did you mean list?)"
        ['list', '--frobnicate']         | "Unknown option: '--frobnicate'"
        ['recover']                      | 'Missing required parameter'
        ['recover', 'A;B']               | "invalid instance name 'A;B'"
        ['toggle', 'demo']               | "Missing required parameter: 'MODE'"
        ['toggle_all']                   | "Missing required parameter: 'MODE'"
        ['togle', 'demo', 'vhost']       | "unknown command 'togle' (did you mean toggle?)"
        ['run', 'x.lava', 'not-a-param'] | "recipe parameter 'not-a-param' is not KEY=VALUE"
    }

    def "every command has --help, printed on stdout with exit status 0: #command"() {
        when:
        def run = CliRun.run([command, '--help'])

        then:
        run.status == 0
        run.out.startsWith("Usage: lava-deployment-tool ${command}")
        run.out.contains('--dry-run')
        run.out.contains('Exit status: 0 ok')

        where:
        command << CommandRegistry.names().findAll { !it.startsWith('__') && it != 'help' }
    }

    def "help lists the commands that work, and no hidden ones"() {
        when:
        def run = CliRun.run(['help'])

        then:
        run.status == 0
        ['setup', 'install', 'remove', 'manage', 'start', 'stop', 'restart', 'status', 'toggle', 'toggle_all', 'list',
         'recover', 'run', 'shell', 'version', 'help'].every { run.out.contains("  ${it} ") }
        !run.out.contains('__cds')
    }

    def "without a command and without a terminal, the usage goes to stderr with status 2"() {
        when:
        def run = CliRun.run([])

        then:
        run.status == 2
        run.err.startsWith('Usage: lava-deployment-tool')
    }

    def "global options are taken before or after the command"() {
        given:
        new TempRoot(dir).instance('where')

        expect:
        CliRun.run(['--root', dir.toString(), 'list']).out.contains('where')
        CliRun.run(['list', '--root', dir.toString()]).out.contains('where')
        CliRun.run(['list', "--root=${dir}".toString()]).out.contains('where')
    }
}
