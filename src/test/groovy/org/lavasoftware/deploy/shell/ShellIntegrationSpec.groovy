package org.lavasoftware.deploy.shell

import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.support.FreshCheckout
import org.lavasoftware.deploy.support.TempRoot
import spock.lang.Shared
import spock.lang.Specification
import spock.lang.Stepwise

/** Drives `lava-deployment-tool shell` through a real terminal: tmux, keys in, screen out. */
@Stepwise
class ShellIntegrationSpec extends Specification {
    @Shared
    Path dir = LinkSafeTempDir.create()

    @Shared
    String session = "ldt-shell-${ProcessHandle.current().pid()}"

    def setupSpec() {
        def temp = new TempRoot(dir.resolve('root'))
        temp.instance('prod', "LAVA_CONFIG_VERSION='5'\nLAVA_WEB_MODE='vhost'\n", '2023.01-2')
        temp.instance('staging')
        // a user's hook: it must run for commands and DSL code typed in the shell alike
        Files.createDirectories(dir.resolve('config/lava-deployment-tool/dsl.d'))
        Files.writeString(dir.resolve('config/lava-deployment-tool/dsl.d/hook.groovy'),
                'beforeBackup { println "hook: backing up ${name}" }\n')
        FreshCheckout.dir()
    }

    def cleanupSpec() {
        LinkSafeTempDir.delete(dir)
        tmux('kill-session', '-t', session)
    }

    def "the shell opens on a terminal and completes command names with Tab"() {
        when:
        startShell()
        keys('li', 'Tab')

        then:
        screenShows('lava> list')

        when:
        keys('Enter')

        then:
        screenShows('prod     vhost  not deployed  2023.01-2')
    }

    def "instance names are completed inside DSL code, and the instance's primitives after it"() {
        when:
        keys("instance('pr", 'Tab')

        then:
        screenShows("lava> instance('prod')")

        when:
        keys('.rev', 'Tab', 'Enter')

        then:
        screenShows('==> 2023.01-2')
    }

    def "arguments of classic commands are completed by kind"() {
        when:
        keys('recover st', 'Tab')

        then:
        screenShows('lava> recover staging')

        when:
        keys('Enter')

        then:
        screenShows('error: instance staging has no interrupted operation; nothing to recover')
    }

    def "a block spans several lines while a bracket is open"() {
        when:
        keys("instance('prod') {", 'Enter', 'println "mode=$mode"', 'Enter', '}', 'Enter')

        then:
        screenShows('mode=vhost')
    }

    def "Ctrl-C drops the current line and keeps the shell"() {
        when: 'Ctrl-C once the line is on the screen: on a loaded machine it could overtake the typing'
        keys("println 'DROPPED'")
        screenShows("lava> println 'DROPPED'")
        keys('C-c', 'println 6 * 7', 'Enter')

        then: 'the dropped line stays on the screen as typed, but never ran'
        screenShows('42')
        screen().contains("lava> println 'DROPPED'")
        !screen().readLines().contains('DROPPED')
    }

    def "Ctrl-D leaves, and the next shell has the history"() {
        when:
        keys('C-d')
        waitUntil { !tmux('has-session', '-t', session).success }

        then:
        def history = Files.readString(dir.resolve('config/lava-deployment-tool/history'))
        history.contains('println 6 * 7')
        !history.contains('DROPPED')

        when:
        startShell()
        keys('Up')

        then:
        screenShows('lava> println 6 * 7')
    }

    def "a command typed in the shell and DSL code both run the site's hooks"() {
        when:
        startShell()
        keys('backup --dry-run prod', 'Enter')

        then:
        screenShows('hook: backing up prod')

        when:
        keys("dryRun { instance('prod').backup() }", 'Enter')

        then:
        waitUntil { screen().count('hook: backing up prod') == 2 }
    }

    private void startShell() {
        tmux('kill-session', '-t', session)
        def command = "env XDG_CONFIG_HOME=${dir.resolve('config')} TERM=xterm-256color " +
                "${FreshCheckout.dir().resolve('lava-deployment-tool')} --root ${dir.resolve('root')} shell"
        assert tmux('new-session', '-d', '-s', session, '-x', '160', '-y', '50', command).success
        screenShows('lava>')   // tmux trims the space after the prompt
    }

    private void keys(String... keys) {
        keys.each { key ->
            // named keys go as keys; text goes literally (-l), so that quotes and semicolons arrive as typed
            if (key in ['Tab', 'Enter', 'Up', 'C-c', 'C-d']) {
                tmux('send-keys', '-t', session, key)
            } else {
                tmux('send-keys', '-t', session, '-l', key)
            }
            Thread.sleep(150)
        }
    }

    private String screen() {
        tmux('capture-pane', '-p', '-t', session).out
    }

    private boolean screenShows(String text) {
        waitUntil { screen().contains(text) } ?: { throw new AssertionError("the screen never showed '${text}':\n${screen()}") }()
    }

    private static boolean waitUntil(Closure<Boolean> condition) {
        long deadline = System.currentTimeMillis() + 15_000
        while (System.currentTimeMillis() < deadline) {
            if (condition()) {
                return true
            }
            Thread.sleep(100)
        }
        false
    }

    private static Map tmux(String... args) {
        def p = new ProcessBuilder(['tmux'] + args.toList()).redirectErrorStream(true).start()
        String out = p.inputStream.text
        [success: p.waitFor() == 0, out: out]
    }
}
