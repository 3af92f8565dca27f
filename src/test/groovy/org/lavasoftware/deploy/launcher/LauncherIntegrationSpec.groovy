package org.lavasoftware.deploy.launcher

import org.lavasoftware.deploy.support.LinkSafeTempDir
import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.FileTime
import java.time.Instant
import org.lavasoftware.deploy.support.FreshCheckout
import spock.lang.Specification
import spock.lang.Stepwise

@Stepwise
class LauncherIntegrationSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "on a fresh clone the first command builds the application, then runs"() {
        when:
        def first = FreshCheckout.firstRun()

        then:
        first.status == 0
        first.err.contains('building (first run, or the sources changed)')
        first.out ==~ /lava-deployment-tool \d+\.\d+\.\d+\n/
        Files.exists(FreshCheckout.dir().resolve('target/core.jsa'))
        Files.exists(FreshCheckout.dir().resolve('target/dsl.jsa'))
    }

    def "later runs reuse the build"() {
        when:
        def again = FreshCheckout.run(['version'])

        then:
        again.status == 0
        again.err == ''
        again.out ==~ /lava-deployment-tool \d+\.\d+\.\d+\n/
    }

    def "the launcher works through a symlink, from any directory"() {
        given:
        Path link = dir.resolve('ldt')
        Files.createSymbolicLink(link, FreshCheckout.dir().resolve('lava-deployment-tool'))

        when:
        def p = new ProcessBuilder(link.toString(), '--root', dir.toString(), 'list').directory(dir.toFile())
                .redirectErrorStream(true).start()
        String output = p.inputStream.text

        then:
        p.waitFor() == 0
        output.trim() == "no instances under ${dir}".toString()
    }

    def "a changed source is rebuilt on the next run"() {
        given:
        Path source = FreshCheckout.dir().resolve('src/main/java/org/lavasoftware/deploy/cli/Main.java')
        Files.setLastModifiedTime(source, FileTime.from(Instant.now().plusSeconds(2)))

        when:
        def run = FreshCheckout.run(['version'])

        then:
        run.status == 0
        run.err.contains('building (first run, or the sources changed)')

        when:
        def next = FreshCheckout.run(['version'])

        then:
        next.err == ''
    }
}
