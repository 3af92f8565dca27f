package org.lavasoftware.deploy.adapters

import org.lavasoftware.deploy.adapters.packages.DebDependencies
import spock.lang.Specification

class DebDependenciesSpec extends Specification {

    def "a Depends field is read as alternatives of package names: #field"() {
        expect:
        DebDependencies.parse(field) == parsed

        where:
        field                                              | parsed
        'python3-yaml'                                     | [['python3-yaml']]
        'python3:any (>= 3.6~), python3-zmq'               | [['python3'], ['python3-zmq']]
        'gunicorn (>= 19.9.0-4) | gunicorn3'               | [['gunicorn', 'gunicorn3']]
        'debconf (>= 0.5) | debconf-2.0'                   | [['debconf', 'debconf-2.0']]
        'libc6 [amd64], lava-common (= 2023.01-2)'         | [['libc6'], ['lava-common']]
        ''                                                 | []
    }

    def "the packages to install leave out LAVA's own, the maintainer-script ones, and what setup installs itself"() {
        given: "lava-server 2023.01's Depends, abridged"
        def server = 'adduser, gunicorn (>= 19.9.0-4) | gunicorn3, lava-common (= 2023.01-2), lava-server-doc (= 2023.01-2), ' +
                'libjs-bootstrap, postgresql-client, systemd-sysv, debconf (>= 0.5) | debconf-2.0, python3-django, python3:any (>= 3.6~)'
        def common = 'python3-voluptuous, python3-yaml, python3:any (>= 3.6~)'
        def asked = []

        when:
        def packages = DebDependencies.toInstall([server, common], { asked << it; it == 'gunicorn' })

        then:
        packages == ['gunicorn', 'libjs-bootstrap', 'postgresql-client', 'python3-django', 'python3', 'python3-voluptuous', 'python3-yaml']
        asked == ['gunicorn'] // only alternatives cost an apt-cache question
    }

    def "of alternatives, the first apt knows is taken"() {
        expect:
        DebDependencies.toInstall(['gunicorn | gunicorn3'], { it == 'gunicorn3' }) == ['gunicorn3']
    }
}
