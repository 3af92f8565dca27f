package org.lavasoftware.deploy.adapters

import org.lavasoftware.deploy.adapters.files.Filesystem
import spock.lang.Specification

class FilesystemModeSpec extends Specification {

    def "ls -l notation #notation is mode #octal"() {
        expect:
        Filesystem.mode(notation) == octal

        where:
        notation    | octal
        'rw-------' | 0600
        'rwxr-xr-x' | 0755
        'rwxr-s---' | 02750
        'rwxrwx--T' | 01770
        'rwsr-xr-x' | 04755
        'rw-r-S---' | 02640
    }

    def "anything else is refused: #notation"() {
        when:
        Filesystem.mode(notation)

        then:
        thrown(IllegalArgumentException)

        where:
        notation << ['rwx', 'rwxrwxrwxx', 'rwzr-xr-x', 'sw-------']
    }
}
