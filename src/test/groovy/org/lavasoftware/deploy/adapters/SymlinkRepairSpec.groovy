package org.lavasoftware.deploy.adapters

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.adapters.packages.SymlinkRepair
import spock.lang.Specification

class SymlinkRepairSpec extends Specification {
    Path tree = Files.createTempDirectory('symlink-repair')

    def cleanup() {
        // Files.walk does not follow links: each link is deleted as a link, never what it points at
        Files.walk(tree).sorted(Comparator.reverseOrder()).forEach { Files.delete(it) }
    }

    def "a relative link that breaks in the private tree is re-pointed at the system file it meant"() {
        given: 'a package link usr/share/x/os-release -> ../../../etc/os-release, as dpkg -x leaves it'
        Path link = Files.createDirectories(tree.resolve('usr/share/x')).resolve('os-release')
        Files.createSymbolicLink(link, Path.of('../../../etc/os-release'))
        Path inside = tree.resolve('usr/share/x/inside')
        Files.writeString(tree.resolve('usr/share/x/real'), 'data')
        Files.createSymbolicLink(inside, Path.of('real'))

        when:
        def unresolved = SymlinkRepair.repair(tree)

        then:
        unresolved.isEmpty()
        Files.readSymbolicLink(link) == Path.of('/etc/os-release')
        Files.readSymbolicLink(inside) == Path.of('real') // a link that works is left alone
    }

    def "a link to a file the machine lacks is reported, not guessed"() {
        given:
        Path link = Files.createDirectories(tree.resolve('usr/lib')).resolve('lib.js')
        Files.createSymbolicLink(link, Path.of('../share/javascript/nothing-here/lib.js'))

        expect:
        SymlinkRepair.repair(tree) == ['usr/lib/lib.js -> /usr/share/javascript/nothing-here/lib.js']
    }
}
