package org.lavasoftware.deploy.cli

import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.TempRoot
import spock.lang.Specification

/** Bad input to the lifecycle commands: one clear line, the right status, and nothing changed. */
class InstallInputsSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "installing over an existing instance is refused, and the instance is untouched"() {
        given:
        new TempRoot(dir).instance('demo', "LAVA_CONFIG_VERSION='5'\nLAVA_APACHE_VHOST='demo.example.org'\n")
        Files.writeString(dir.resolve('.setup'), '2\n')
        def before = Files.readString(dir.resolve('instances/demo/instance.conf'))

        when:
        def run = CliRun.run(['--root', dir.toString(), '--yes', 'install', 'demo', '--vhost', 'other.example.org'])

        then:
        run.status == 2
        run.err.trim() == "error: instance demo already exists under ${dir}; choose another name, or remove it first".toString()
        Files.readString(dir.resolve('instances/demo/instance.conf')) == before
        Files.list(dir.resolve('instances')).count() == 1
    }

    def "a root inside a directory closed to others is refused, naming that directory"() {
        given:
        Path closed = Files.createDirectories(dir.resolve('private'))
        Files.setPosixFilePermissions(closed, java.nio.file.attribute.PosixFilePermissions.fromString('rwx------'))
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString('rwxr-xr-x'))

        when:
        def run = CliRun.run(['--root', closed.resolve('srv').toString(), '--yes', 'setup'])

        then:
        run.status == 2
        run.err.trim() == "error: instance users and Apache cannot reach ${closed.resolve('srv')}: ${closed} is closed to others; allow them through (chmod o+x ${closed}) or choose another --root".toString()
        !Files.exists(closed.resolve('srv'))
    }

    def "a host another instance serves is refused"() {
        given:
        new TempRoot(dir).instance('demo', "LAVA_CONFIG_VERSION='5'\nLAVA_APACHE_VHOST='lava.example.org'\n")
        Files.writeString(dir.resolve('.setup'), '2\n')

        when:
        def run = CliRun.run(['--root', dir.toString(), '--yes', 'install', 'other', '--vhost', 'LAVA.example.org'])

        then:
        run.status == 2
        run.err.contains('host LAVA.example.org is already served by instance demo')
        !Files.exists(dir.resolve('instances/other'))
    }

    def "an invalid name is refused before anything is touched: #name"() {
        when:
        def run = CliRun.run(['--root', dir.toString(), '--yes', 'install', name])

        then:
        run.status == 2
        run.err.startsWith('error: invalid instance name')
        Files.list(dir).count() == 0

        where:
        name << ['../etc', 'a;b', 'Prod', 'x' * 28, "it's"]
    }

    def "commands that need a set-up machine say to run setup first: #args"() {
        given:
        new TempRoot(dir).instance('demo', "LAVA_CONFIG_VERSION='5'\n")

        when:
        def run = CliRun.run(['--root', dir.toString()] + args)

        then:
        run.status == 3
        run.err.trim().endsWith('run `lava-deployment-tool setup` first')

        where:
        args << [['manage', 'demo', 'check'], ['start', 'demo'], ['stop', 'demo']]
    }

    def "inconsistent options are bad usage: #args"() {
        expect:
        CliRun.run(['--root', dir.toString(), '--yes'] + args).with { status == 2 && err.contains(message) }

        where:
        args                                                  | message
        ['install', 'x', '--cert', '/etc/hostname']           | '--cert and --key go together, with --https'
        ['install', 'x', '--https', '--cert', '/nonexistent', '--key', '/nonexistent'] | 'cannot read /nonexistent'
        ['start']                                             | 'name the instances, or pass --all'
        ['remove', 'ghost']                                   | 'no instance named ghost'
    }
}
