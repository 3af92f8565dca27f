package org.lavasoftware.deploy.dsl

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.LinkSafeTempDir
import org.lavasoftware.deploy.support.TempRoot
import spock.lang.Specification

/** Hooks of extension scripts run around operations, whichever face starts them (shown in dry runs). */
class HooksSpec extends Specification {
    Path dir = LinkSafeTempDir.create()
    Path root = dir.resolve('root')

    def setup() {
        // the root must be reachable by instance users, as a real one is
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString('rwxr-xr-x'))
        Files.createDirectories(root)
        Files.writeString(root.resolve('.setup'), '2\n')
        new TempRoot(root).instance('lab', "LAVA_CONFIG_VERSION='5'\nLAVA_WEB_MODE='vhost'\nLAVA_APACHE_VHOST='lab.example.org'\n", '2023.01-2')
    }

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    void siteScript(String name, String text) {
        Files.createDirectories(dir.resolve('etc/dsl.d'))
        Files.writeString(dir.resolve("etc/dsl.d/${name}"), text)
    }

    CliRun tool(List<String> args) {
        CliRun.run(['--root', root.toString()] + args,
                [XDG_CONFIG_HOME: dir.resolve('config').toString(), LAVA_DEPLOYMENT_TOOL_ETC: dir.resolve('etc').toString()])
    }

    CliRun recipe(String text, List<String> options) {
        Path file = dir.resolve('recipe.lava')
        Files.writeString(file, text)
        tool(options + ['run', file.toString()])
    }

    def "a beforeRemove hook runs, with the instance as its subject, from #face"() {
        given:
        siteScript('keep-a-copy.groovy', '''
            beforeRemove { println "hook: before the removal of ${name}"; backup() }
            afterRemove { lava -> println "hook: after the removal of ${lava.name}" }
        ''')

        when:
        def run = face == 'the command line' ? tool(['--dry-run', '--yes', 'remove', 'lab'])
                : recipe("instance('lab').remove()", ['--dry-run', '--yes'])

        then: 'the hook runs first, its backup prints its plan too, and the removal follows'
        run.status == 0
        run.out.indexOf('hook: before the removal of lab') < run.out.indexOf('Plan: backup of lab')
        run.out.indexOf('Plan: backup of lab') < run.out.indexOf('Plan: removal of lab')
        run.out.indexOf('Plan: removal of lab') < run.out.indexOf('hook: after the removal of lab')
        Files.isDirectory(root.resolve('instances/lab'))

        where:
        face << ['the command line', 'a recipe']
    }

    def "an operation started by a hook runs no hooks, so a hook cannot loop"() {
        given:
        siteScript('twice.groovy', "beforeBackup { println 'hook ran'; backup() }\n")

        when:
        def run = tool(['--dry-run', 'backup', 'lab'])

        then:
        run.status == 0
        run.out.count('hook ran') == 1
        run.out.count('Plan: backup of lab') == 2
    }

    def "a failing before hook stops the operation before it starts, in one line naming the hook's script and line"() {
        given:
        siteScript('no-fridays.groovy', "\nbeforeRemove { fail 'no removals on Fridays' }\n")

        when:
        def run = tool(['--dry-run', '--yes', 'remove', 'lab'])

        then:
        run.status == 1
        run.err.readLines() == ['error: beforeRemove hook: no-fridays.groovy:2: no removals on Fridays; the remove of lab was not started']
        !run.out.contains('Plan: removal of lab')
    }

    def "without extension scripts, commands run as before: no hook, no extra operation"() {
        when:
        def run = tool(['--dry-run', '--yes', 'remove', 'lab'])

        then:
        run.status == 0
        run.out.contains('Plan: removal of lab')
        !run.out.contains('Plan: backup of lab')
    }
}
