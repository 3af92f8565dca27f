package org.lavasoftware.deploy.dsl

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import org.lavasoftware.deploy.support.CliRun
import org.lavasoftware.deploy.support.LinkSafeTempDir
import org.lavasoftware.deploy.support.TempRoot
import spock.lang.Shared
import spock.lang.Specification

/**
 * Every example of the DSL reference runs as a recipe in a dry run, so that the reference cannot
 * show a name or a call that does not exist. The instances here are hand-made directories: an
 * example may still fail for what such an instance lacks (no services, no snapshots), but never
 * for a primitive, a parameter or a syntax the DSL does not have.
 */
class DslExamplesSpec extends Specification {
    private static final List<String> NOT_THE_DSL = ['there is no primitive or method', 'is not defined;',
                                                     'internal error', 'Unexpected input', 'does not know']

    @Shared
    Path dir = LinkSafeTempDir.create()

    @Shared
    Path root = dir.resolve('root')

    def setupSpec() {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString('rwxr-xr-x'))
        Files.createDirectories(root)
        Files.writeString(root.resolve('.setup'), '2\n')
        def temp = new TempRoot(root)
        ['demo', 'lab', 'qa', 'prod', 'staging', 'scratch'].each {
            temp.instance(it, "LAVA_CONFIG_VERSION='5'\nLAVA_WEB_MODE='vhost'\nLAVA_APACHE_VHOST='${it}.example.org'\n", '2023.01-2')
        }
    }

    def cleanupSpec() {
        LinkSafeTempDir.delete(dir)
    }

    def "the reference example of #signature runs in a dry run"() {
        given:
        Path file = dir.resolve('example.lava')
        Files.writeString(file, example + '\n')

        when:
        def run = CliRun.run(['--root', root.toString(), '--dry-run', '--yes', 'run', file.toString()],
                [XDG_CONFIG_HOME: dir.resolve('config').toString(), LAVA_DEPLOYMENT_TOOL_ETC: dir.resolve('etc').toString()])

        then:
        NOT_THE_DSL.every { !run.err.contains(it) }

        where:
        entry << DslReference.all()
        signature = entry.signature
        example = entry.example
    }
}
