package org.lavasoftware.deploy.adapters

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import org.lavasoftware.deploy.adapters.apache.ApacheChange
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Requires
import spock.lang.Specification

/**
 * What a change of Apache's files puts back when Apache refuses it: the files, links and
 * directories as they were, byte for byte. Files only (no site is enabled here, no Apache is
 * asked); as root, since the tool writes them as root.
 */
@Requires({ System.getProperty('user.name') == 'root' })
class ApacheChangeSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    def "every file, link and directory comes back as it was, newest change first"() {
        given:
        Path edited = dir.resolve('site.conf')
        Files.writeString(edited, '# edited by hand\n')
        Files.setPosixFilePermissions(edited, PosixFilePermissions.fromString('rw-r-----'))
        Path target = Files.writeString(dir.resolve('a.conf'), 'a\n')
        Path other = Files.writeString(dir.resolve('b.conf'), 'b\n')
        Path link = dir.resolve('available/site.conf')
        Files.createDirectories(link.parent)
        Files.createSymbolicLink(link, target)
        Path gone = Files.writeString(dir.resolve('gone.conf'), 'gone\n')
        Path empty = Files.createDirectories(dir.resolve('empty'))
        Path newLink = dir.resolve('includes/new.conf')
        def change = new ApacheChange(null)
                .write(edited, '# rendered\n')
                .link(link, other)
                .link(newLink, other)
                .delete(gone)
                .deleteIfEmpty(empty)

        when:
        change.perform()

        then:
        Files.readString(edited) == '# rendered\n'
        Files.readSymbolicLink(link) == other
        Files.readSymbolicLink(newLink) == other
        !Files.exists(gone)
        !Files.exists(empty)

        when:
        change.putBack()

        then:
        Files.readString(edited) == '# edited by hand\n'
        PosixFilePermissions.toString(Files.getPosixFilePermissions(edited)) == 'rw-r-----'
        Files.readSymbolicLink(link) == target
        !Files.exists(newLink, java.nio.file.LinkOption.NOFOLLOW_LINKS)
        Files.readString(gone) == 'gone\n'
        Files.isDirectory(empty)
        Files.readString(target) == 'a\n' && Files.readString(other) == 'b\n'
    }

    def "the plan of a change says what it will do"() {
        expect:
        new ApacheChange(null).write(Path.of('/x/a.conf'), '').link(Path.of('/y/b.conf'), Path.of('/x/a.conf'))
                .enable('lava-demo').disable('000-default').describe() ==
                ['write /x/a.conf', 'link /y/b.conf -> /x/a.conf', 'a2ensite lava-demo', 'a2dissite 000-default (if enabled)']
    }
}
