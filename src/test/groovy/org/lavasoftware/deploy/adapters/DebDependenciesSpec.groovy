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

    def "the worker's packages leave out lava-dispatcher-host's BPF tool chain, which no module imports, and systemd-sysv"() {
        given: "lava-dispatcher-host and lava-dispatcher 2023.01-2's Depends, as their .debs hold them"
        def host = 'lava-common (= 2023.01-2), base-files (<< 11.1) | python3-bpfcc (>= 0.21), base-files (<< 11.1) | ' +
                'linux-headers-amd64 | linux-headers-arm64 | linux-headers-generic, base-files (<< 11.1) | bpftool | ' +
                'linux-tools-common, python3, python3-jinja2, python3-requests, python3-pyudev'
        def dispatcher = 'file, lava-common (= 2023.01-2), lava-dispatcher-host (= 2023.01-2), systemd-sysv, tar (>= 1.27), ' +
                'bmap-tools, python3-aiohttp, python3-configobj, python3-guestfs, python3-jinja2, python3-magic, ' +
                'python3-netifaces, python3-pexpect, python3-pyudev, python3-requests, python3-setproctitle, python3-tz, ' +
                'python3-yaml, python3:any (>= 3.6~)'

        when:
        def packages = DebDependencies.toInstall([host, dispatcher], { true })

        then:
        packages == ['python3', 'python3-jinja2', 'python3-requests', 'python3-pyudev', 'file', 'tar', 'bmap-tools',
                     'python3-aiohttp', 'python3-configobj', 'python3-guestfs', 'python3-magic', 'python3-netifaces',
                     'python3-pexpect', 'python3-setproctitle', 'python3-tz', 'python3-yaml']
    }

    def "of alternatives, the first apt knows is taken"() {
        expect:
        DebDependencies.toInstall(['gunicorn | gunicorn3'], { it == 'gunicorn3' }) == ['gunicorn3']
    }
}
