package org.lavasoftware.deploy.lifecycle

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.support.Browser
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.FreshCheckout
import org.lavasoftware.deploy.support.MachineState
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * From an unset root to two LAVA instances serving side by side through the real Apache, with
 * users logging in over HTTP and HTTPS, and back to nothing at all.
 */
@Stepwise
class InstanceLifecycleIntegrationSpec extends Specification {
    @Shared
    Path root = FreshCheckout.openTempDir('ldt-lifecycle').resolve('srv-lava')

    @Shared
    String demoPassword

    def setupSpec() {
        FreshCheckout.prepareMachine()
    }

    def cleanupSpec() {
        ['it-demo', 'it-demo2'].each { CliRun.run(['--root', root.toString(), '--yes', 'remove', it]) }
    }

    CliRun tool(String... args) {
        CliRun.run(['--root', root.toString()] + args.toList())
    }

    /** manage hands the terminal to LAVA's command: run it through the launcher to read its output. */
    FreshCheckout.Result launcher(String... args) {
        FreshCheckout.dir()
        FreshCheckout.run(['--root', root.toString()] + args.toList())
    }

    def "setup prepares the machine and records its version"() {
        when:
        def run = tool('--yes', 'setup')

        then:
        run.status == 0
        Files.readString(root.resolve('.setup')).trim() == '2'
        Files.isDirectory(root.resolve('instances'))
        MachineState.run('dpkg-query', '-W', 'python3-django', 'gunicorn', 'apache2').status == 0
    }

    def "setup is idempotent: a second run changes nothing and succeeds"() {
        expect:
        tool('--yes', 'setup').status == 0
    }

    def "install with --yes makes an instance that serves LAVA's home page and styles through Apache"() {
        when:
        def run = tool('--yes', 'install', 'it-demo', '--vhost', 'it-demo.test')
        def browser = new Browser('it-demo.test', false)
        def home = browser.get('/')
        def css = browser.get('/static/lava_server/css/bootstrap-3.4.1.css')

        then:
        run.status == 0
        run.err.contains('instance it-demo is up at http://it-demo.test/')
        home.status == 200
        home.body.contains('<title>LAVA</title>')
        css.status == 200
        css.contentType.startsWith('text/css')
    }

    def "the instance's files belong to its user, its secrets are private"() {
        given:
        Path dir = root.resolve('instances/it-demo')

        expect:
        mode(dir.resolve('instance.conf')) == 'rw------- root:root'
        mode(dir.resolve('etc/lava-server/lava.env')) == 'rw-r----- root:lava-it-demo'
        mode(dir.resolve('etc/lava-server/pgpass')) == 'rw------- lava-it-demo:lava-it-demo'
        mode(dir.resolve('var/lib/lava-server/media')) == 'rwxr-x--- lava-it-demo:lava-it-demo'
        mode(dir.resolve('run')) == 'rwxr-x--- lava-it-demo:www-data'
        mode(dir.resolve('var/log')).endsWith('lava-it-demo:adm')
        !Files.readString(dir.resolve('instance.conf')).contains(password(dir))
    }

    def "manage creates a user who can log in through Apache's login form over HTTP"() {
        when:
        def run = launcher('manage', 'it-demo', 'users', 'add', 'alice', '--email', 'alice@example.org')
        demoPassword = run.out.trim()
        def browser = new Browser('it-demo.test', false)
        def login = browser.login('alice', demoPassword)

        then:
        run.status == 0
        demoPassword.length() >= 8
        login.status == 302
        login.redirect == 'http://it-demo.test/scheduler/myjobs'
        browser.get('/scheduler/myjobs').status == 200
        !browser.cookie('sessionid').secure
    }

    def "manage passes the exit status of LAVA's command back"() {
        expect:
        launcher('manage', 'it-demo', 'no-such-command').status != 0
        launcher('manage', 'it-demo', 'check').status == 0
    }

    def "a second instance with HTTPS serves at the same time; its login cookies are Secure"() {
        when:
        def run = tool('--yes', 'install', 'it-demo2', '--vhost', 'it-demo2.test', '--https')
        String password = launcher('manage', 'it-demo2', 'users', 'add', 'bob', '--email', 'bob@example.org').out.trim()
        def secure = new Browser('it-demo2.test', true)
        def login = secure.login('bob', password)

        then:
        run.status == 0
        new Browser('it-demo2.test', false).get('/').with { it.status == 301 && it.redirect == 'https://it-demo2.test/' }
        secure.get('/').body.contains('<title>LAVA</title>')
        login.status == 302
        secure.get('/scheduler/myjobs').status == 200
        secure.cookie('sessionid').secure

        and: 'the first instance still serves, and its users are its own'
        new Browser('it-demo.test', false).get('/').status == 200
        new Browser('it-demo2.test', true).login('alice', demoPassword).status == 200
    }

    def "list and status show both instances running, with their URLs"() {
        when:
        def list = tool('--json', 'list')
        def status = tool('status')

        then:
        list.out.contains('"name":"it-demo","mode":"vhost","state":"running","revision":"2023.01-2","workers":"')
        list.out.contains('"devices":"none","url":"http://it-demo.test/","last backup":null')
        list.out.contains('"name":"it-demo2","mode":"vhost","state":"running"')
        status.status == 0
        status.out.contains('publisher=running scheduler=running web=running worker=running')
    }

    def "stop and start act on an instance's services"() {
        when:
        def stop = tool('stop', 'it-demo')

        then:
        stop.status == 0
        tool('--json', 'list').out.contains('"name":"it-demo","mode":"vhost","state":"stopped"')
        tool('status', 'it-demo').status == 1

        when:
        def start = tool('start', 'it-demo')

        then:
        start.status == 0
        new Browser('it-demo.test', false).get('/').status == 200
    }

    def "remove without --yes and without a terminal refuses, changing nothing"() {
        when:
        def run = tool('remove', 'it-demo2')

        then:
        run.status == 2
        run.err.contains('pass --yes')
        Files.isDirectory(root.resolve('instances/it-demo2'))
    }

    def "remove destroys each instance; afterwards nothing of either is left anywhere"() {
        when:
        def first = tool('--yes', 'remove', 'it-demo')
        def second = tool('--yes', 'remove', 'it-demo2')

        then:
        first.status == 0
        second.status == 0
        ['it-demo', 'it-demo2'].every { name ->
            !MachineState.userExists("lava-${name}") && !MachineState.groupExists("lava-${name}") &&
                    MachineState.postgresObjects("lava-${name}").isEmpty() &&
                    !MachineState.apacheSite("lava-${name}") && !MachineState.supervisorProgramOf("lava-${name}") &&
                    !Files.exists(root.resolve("instances/${name}")) &&
                    !Files.list(Path.of('/var/log/apache2')).anyMatch { it.fileName.toString().startsWith("lava-${name}-") }
        }
        tool('list').err.contains('no instances')
    }

    private static String mode(Path path) {
        def attrs = Files.readAttributes(path, java.nio.file.attribute.PosixFileAttributes)
        "${java.nio.file.attribute.PosixFilePermissions.toString(attrs.permissions())} ${attrs.owner().name}:${attrs.group().name}"
    }

    private static String password(Path dir) {
        Files.readString(dir.resolve('etc/lava-server/pgpass')).trim().split(':').last()
    }
}
