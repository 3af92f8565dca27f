package org.lavasoftware.deploy.lifecycle

import java.nio.file.Files
import java.nio.file.Path
import java.nio.file.attribute.PosixFilePermissions
import org.lavasoftware.deploy.support.FreshCheckout
import spock.lang.Specification

/** A user who is not root and cannot use sudo is told what the tool needs, and nothing happens. */
class PrivilegesIntegrationSpec extends Specification {

    def "without root or sudo, install says which it needs and changes nothing"() {
        given: 'the launcher, readable by an ordinary user'
        Path checkout = FreshCheckout.dir()
        Files.setPosixFilePermissions(checkout, PosixFilePermissions.fromString('rwxr-xr-x'))
        Path root = Files.createTempDirectory('ldt-noroot')
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString('rwxrwxrwx'))

        when:
        def p = new ProcessBuilder('runuser', '-u', 'nobody', '--', checkout.resolve('lava-deployment-tool').toString(),
                '--root', root.resolve('srv').toString(), '--yes', 'install', 'nope')
                .redirectErrorStream(true).start()
        String output = p.inputStream.text
        int status = p.waitFor()

        then:
        status == 2
        output.trim() == 'error: this command changes the machine and needs root: run it as root, ' +
                'or as a user with password-less sudo (`sudo -n true` failed)'
        !Files.exists(root.resolve('srv'))
    }
}
