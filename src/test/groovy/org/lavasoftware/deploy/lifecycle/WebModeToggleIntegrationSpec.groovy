package org.lavasoftware.deploy.lifecycle

import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path
import org.lavasoftware.deploy.adapters.web.MachineName
import org.lavasoftware.deploy.support.Browser
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.FreshCheckout
import org.lavasoftware.deploy.support.LinkSafeTempDir
import org.lavasoftware.deploy.support.MachineState
import org.lavasoftware.deploy.support.WebModeState
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/**
 * Two real instances switched between their own virtual hosts and /NAME/ on the machine's default
 * site, through the real Apache on 127.0.0.1: both at once with their own static files, login
 * forms and sessions; back to a virtual host; a configuration Apache refuses; toggle_all; bad input.
 * Debian's 000-default is put back as it was found, whatever happens.
 */
@Stepwise
class WebModeToggleIntegrationSpec extends Specification {
    @Shared
    Path work = FreshCheckout.openTempDir('ldt-toggle')

    @Shared
    Path root = work.resolve('srv-lava')

    @Shared
    boolean debianDefaultWasEnabled

    @Shared
    String secretOfA

    @Shared
    String machine = MachineName.get()

    def setupSpec() {
        debianDefaultWasEnabled = WebModeState.debianDefaultEnabled()
        FreshCheckout.prepareMachine()
        assert tool('--yes', 'install', 'tg-a', '--vhost', 'tg-a.test').status == 0
        assert tool('--yes', 'install', 'tg-b', '--vhost', 'tg-b.test', '--https').status == 0
        secretOfA = secretKey('tg-a')
        assert tool('manage', 'tg-a', 'users', 'add', 'alice', '--passwd', 'alice-pw-1').status == 0
        assert tool('manage', 'tg-b', 'users', 'add', 'bob', '--passwd', 'bob-pw-1').status == 0
    }

    def cleanupSpec() {
        ['tg-a', 'tg-b'].each { tool('--yes', 'remove', it) }
        WebModeState.restoreDebianDefault(debianDefaultWasEnabled)
        LinkSafeTempDir.delete(work)
    }

    CliRun tool(String... args) {
        CliRun.run(['--root', root.toString()] + args.toList())
    }

    Map<String, String> apacheFiles() {
        WebModeState.apacheFiles(root, ['tg-a', 'tg-b'])
    }

    String secretKey(String name) {
        WebModeState.secretKey(root, name)
    }

    int reloadsIn(String subject) {
        WebModeState.reloadsIn(root, subject)
    }

    CliRun recipe(String code) {
        Files.writeString(work.resolve('recipe.lava'), code)
        tool('run', work.resolve('recipe.lava').toString())
    }

    Browser local() {
        new Browser('127.0.0.1', false)
    }

    def "an instance switched to location is LAVA at /NAME/ on the default site, static files and docs included"() {
        when:
        def run = tool('toggle', 'tg-a', 'location')
        def home = local().get('/tg-a/')

        then:
        run.status == 0
        run.err.contains("tg-a is now served as location at http://${machine}/tg-a/")
        home.status == 200
        home.body.contains('<title>LAVA</title>')
        home.body.contains('href="/tg-a/static/lava_server/css/bootstrap-3.4.1.css"')
        local().get('/tg-a/static/lava_server/css/bootstrap-3.4.1.css').with { it.status == 200 && it.contentType.startsWith('text/css') }
        local().get('/tg-a/static/docs/v2/index.html').status == 200
        local().get('/tg-a').with { it.status == 301 && it.redirect == 'http://127.0.0.1/tg-a/' }

        and: 'its virtual host is gone, its settings kept their secret key, instance.conf says so'
        !new Browser('tg-a.test', false).get('/').body.contains('<title>LAVA</title>')
        secretKey('tg-a') == secretOfA
        Files.readString(root.resolve('instances/tg-a/instance.conf')).contains("LAVA_WEB_MODE='location'")
        Files.isSymbolicLink(WebModeState.LOCATIONS.resolve('lava-tg-a.conf'))
        Files.exists(WebModeState.SITES_ENABLED.resolve('00-lava-locations.conf'), LinkOption.NOFOLLOW_LINKS)
    }

    def "toggle to the mode an instance has changes nothing, and says so"() {
        given:
        def before = apacheFiles()
        String env = Files.readString(root.resolve('instances/tg-a/etc/lava-server/lava.env'))
        int reloads = reloadsIn('tg-a')

        when:
        def run = tool('toggle', 'tg-a', 'location')

        then:
        run.status == 0
        run.err.trim() == "tg-a is already served as location at http://${machine}/tg-a/; nothing changed".toString()
        apacheFiles() == before
        Files.readString(root.resolve('instances/tg-a/etc/lava-server/lava.env')) == env
        reloadsIn('tg-a') == reloads
    }

    def "two instances at /tg-a/ and /tg-b/ at once: each its own pages, login form and session"() {
        given:
        def browser = local()

        when:
        def run = tool('toggle', 'tg-b', 'location')

        then: 'tg-b was HTTPS in its virtual host; at /tg-b/ it is plain HTTP with the default site'
        run.status == 0
        browser.get('/tg-b/').body.contains('<title>LAVA</title>')
        browser.get('/tg-b/static/lava_server/css/bootstrap-3.4.1.css').status == 200
        browser.get('/tg-a/').body.contains('<title>LAVA</title>')

        when: 'both login forms are opened, then tg-b\'s is sent, then tg-a\'s, opened before that login'
        def formA = browser.openLoginForm('/tg-a/accounts/login/')
        def formB = browser.openLoginForm('/tg-b/accounts/login/')
        def intoB = browser.submitLogin(formB, 'bob', 'bob-pw-1', '/tg-b/')
        def intoA = browser.submitLogin(formA, 'alice', 'alice-pw-1', '/tg-a/')

        then: 'each login form posts under its own prefix'
        formA.action == '/tg-a/accounts/login/'
        formB.action == '/tg-b/accounts/login/'

        and: 'neither login spoilt the other: the cookies of each live under its own path'
        intoB.status == 302 && intoB.redirect == 'http://127.0.0.1/tg-b/'
        intoA.status == 302 && intoA.redirect == 'http://127.0.0.1/tg-a/'
        browser.get('/tg-a/me/').status == 200
        browser.get('/tg-b/me/').status == 200
        browser.cookies('sessionid')*.path.sort() == ['/tg-a/', '/tg-b/']
        browser.cookies('csrftoken')*.path.sort() == ['/tg-a/', '/tg-b/']
        browser.cookies('sessionid').every { !it.secure }

        and: 'someone else is logged into neither'
        local().get('/tg-a/me/').status == 302
    }

    def "list and status show each instance's mode and URL"() {
        when:
        def list = tool('--json', 'list')
        def status = tool('--json', 'status')

        then:
        ['tg-a', 'tg-b'].every { name ->
            list.out.contains("\"name\":\"${name}\",\"mode\":\"location\",\"state\":\"running\",\"revision\":\"2023.01-2\",\"workers\":")
                    && list.out.contains("\"devices\":\"none\",\"url\":\"http://${machine}/${name}/\"")
        }
        status.status == 0
        status.out.contains("\"url\":\"http://${machine}/tg-a/\",\"http\":200")
    }

    def "back to its virtual host, an instance answers for its Host again while the other stays at /tg-b/"() {
        when:
        def run = tool('toggle', 'tg-a', 'vhost')
        def vhost = new Browser('tg-a.test', false)

        then:
        run.status == 0
        run.err.contains('tg-a is now served as vhost at http://tg-a.test/')
        vhost.get('/').body.contains('<title>LAVA</title>')
        vhost.get('/static/lava_server/css/bootstrap-3.4.1.css').status == 200
        vhost.login('alice', 'alice-pw-1', '/').status == 302
        local().get('/tg-a/').status == 404
        local().get('/tg-b/').status == 200
        secretKey('tg-a') == secretOfA
        !Files.exists(WebModeState.LOCATIONS.resolve('lava-tg-a.conf'), LinkOption.NOFOLLOW_LINKS)

        and: 'as the classic tool did, a virtual host takes the machine over from Debian\'s default page'
        !WebModeState.debianDefaultEnabled()
    }

    def "a configuration Apache refuses changes nothing: the files stay as they were and Apache serves on"() {
        given: 'the certificate tg-b\'s virtual host needs is gone'
        Path certificate = root.resolve('instances/tg-b/etc/tls/tg-b.test.crt')
        Files.move(certificate, certificate.resolveSibling('tg-b.test.crt.away'))
        def before = apacheFiles()
        def settings = ['etc/lava-server/lava.env', 'instance.conf'].collect { Files.readString(root.resolve("instances/tg-b/${it}")) }

        when:
        def run = tool('toggle', 'tg-b', 'vhost')

        then:
        run.status == 1
        run.err.readLines().last().startsWith('error: switch of tg-b from location to vhost failed at step 1/4')
        run.err.contains('Apache rejected the new configuration of tg-b (vhost): ')
        run.err.contains('SSLCertificateFile')
        run.err.contains('the previous files were put back')
        apacheFiles() == before
        ['etc/lava-server/lava.env', 'instance.conf'].collect { Files.readString(root.resolve("instances/tg-b/${it}")) } == settings
        MachineState.run('apache2ctl', 'configtest').status == 0
        local().get('/tg-b/').status == 200
        new Browser('tg-a.test', false).get('/').status == 200
        tool('--json', 'list').out.contains('"name":"tg-b","mode":"location","state":"running"')

        cleanup:
        Files.move(certificate.resolveSibling('tg-b.test.crt.away'), certificate)
    }

    def "toggle_all switches what is not there yet, reports every instance, and reloads Apache once"() {
        given: 'a third instance without a web part (a worker)'
        Path worker = root.resolve('instances/tg-noweb')
        Files.createDirectories(worker)
        Files.writeString(worker.resolve('instance.conf'), "LAVA_CONFIG_VERSION='5'\nLAVA_APACHE_VHOST=''\n")
        int reloads = reloadsIn('toggle_all')

        when:
        def run = tool('toggle_all', 'location')

        then:
        run.status == 0
        run.err.contains("tg-a: switched to location, at http://${machine}/tg-a/")
        run.err.contains("tg-b: already location, at http://${machine}/tg-b/")
        run.err.contains('tg-noweb: skipped (no web part: its LAVA_APACHE_VHOST is empty)')
        reloadsIn('toggle_all') == reloads + 1
        local().get('/tg-a/').body.contains('<title>LAVA</title>')
        local().get('/tg-b/').body.contains('<title>LAVA</title>')
        secretKey('tg-a') == secretOfA
    }

    def "recipes switch too; toggleAll leaves an instance Apache refuses as it was and says why"() {
        given: 'tg-b\'s certificate is gone again, so its virtual host cannot be served'
        Path certificate = root.resolve('instances/tg-b/etc/tls/tg-b.test.crt')
        Files.move(certificate, certificate.resolveSibling('tg-b.test.crt.away'))
        int reloads = reloadsIn('toggle_all')

        when:
        def all = recipe('toggleAll(\'vhost\').each { println "${it.name}: ${it.result} ${it.reason ?: \'\'}".trim() }')
        def lines = all.out.readLines()

        then: 'tg-a went back to its virtual host, tg-b stayed at /tg-b/, with one reload for both'
        all.status == 0
        lines.contains('tg-a: switched')
        lines.find { it.startsWith('tg-b: ') }.startsWith('tg-b: failed Apache rejected the new configuration of tg-b (vhost): ')
        lines.find { it.startsWith('tg-noweb: ') }.startsWith('tg-noweb: skipped no web part')
        reloadsIn('toggle_all') == reloads + 1
        new Browser('tg-a.test', false).get('/').body.contains('<title>LAVA</title>')
        local().get('/tg-b/').body.contains('<title>LAVA</title>')
        Files.readString(root.resolve('instances/tg-b/instance.conf')).contains("LAVA_WEB_MODE='location'")

        when:
        def one = recipe("println instance('tg-a').toggle('location').url")

        then:
        one.status == 0
        one.out.trim() == "http://${machine}/tg-a/".toString()
        local().get('/tg-a/').body.contains('<title>LAVA</title>')

        cleanup:
        Files.move(certificate.resolveSibling('tg-b.test.crt.away'), certificate)
    }

    def "bad input is one line and exit status 2, and changes nothing: #args"() {
        given:
        def before = apacheFiles()

        when:
        def run = tool(args as String[])

        then:
        run.status == 2
        run.err.readLines().size() == 1
        run.err.contains(message)
        apacheFiles() == before

        where:
        args                               | message
        ['toggle', 'tg-a', 'sideways']     | "unknown web mode 'sideways'; use vhost"
        ['toggle_all', 'sideways']         | "unknown web mode 'sideways'; use vhost"
        ['toggle', 'tg-nope', 'vhost']     | 'no instance named tg-nope under'
        ['toggle', 'tg-noweb', 'location'] | 'instance tg-noweb has no web part to switch: its LAVA_APACHE_VHOST is empty'
        ['toggle', 'tg-a']                 | "Missing required parameter: 'MODE'"
    }

    def "removing the instances takes them off the default site, which goes with the last of them"() {
        given:
        LinkSafeTempDir.delete(root.resolve('instances/tg-noweb'))

        when:
        def first = tool('--yes', 'remove', 'tg-a')

        then:
        first.status == 0
        !Files.exists(WebModeState.LOCATIONS.resolve('lava-tg-a.conf'), LinkOption.NOFOLLOW_LINKS)
        Files.exists(WebModeState.SITES_ENABLED.resolve('00-lava-locations.conf'), LinkOption.NOFOLLOW_LINKS)
        local().get('/tg-b/').status == 200

        when:
        def last = tool('--yes', 'remove', 'tg-b')

        then:
        last.status == 0
        !Files.exists(WebModeState.SITES_ENABLED.resolve('00-lava-locations.conf'), LinkOption.NOFOLLOW_LINKS)
        !Files.exists(Path.of('/etc/apache2/sites-available/00-lava-locations.conf'))
        !Files.exists(WebModeState.LOCATIONS)
        ['tg-a', 'tg-b'].every { !MachineState.apacheSite("lava-${it}") }
        MachineState.run('apache2ctl', 'configtest').status == 0
    }
}
