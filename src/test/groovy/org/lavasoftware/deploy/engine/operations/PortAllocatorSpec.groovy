package org.lavasoftware.deploy.engine.operations

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.model.LavaRoot
import org.lavasoftware.deploy.support.LinkSafeTempDir
import spock.lang.Specification

/** An install's ports: never those of another instance on the machine, whichever root it is under. */
class PortAllocatorSpec extends Specification {
    Path dir = LinkSafeTempDir.create()

    def cleanup() {
        LinkSafeTempDir.delete(dir)
    }

    Path instance(String root, String name, int publisher, int event, Integer web = null) {
        Path instanceDir = Files.createDirectories(dir.resolve("${root}/instances/${name}"))
        Files.writeString(instanceDir.resolve('instance.conf'),
                "LAVA_CONFIG_VERSION='6'\nLAVA_PUBLISHER_PORT='${publisher}'\nLAVA_EVENT_PORT='${event}'\nLAVA_WEB_PORT='${web ?: ''}'\n")
        instanceDir
    }

    def "a second root's install skips the ports of the first root's instances, running or not"() {
        given: 'the first root has two instances, on the first two sets of ports; the second root one on the third'
        Path first = instance('first', 'prod', 8101, 5601, 9101)
        Path second = instance('first', 'staging', 8102, 5602)
        instance('second', 'lab', 8103, 5603, 9104)

        and: 'what the service manager has registered, with a directory that is no instance'
        List<Path> registered = [first, second, Path.of('/nowhere/instances/x'), Path.of('/')]
        def taken = [8101, 8102, 8103, 5601, 5602, 5603, 9101, 9104]

        when:
        def ports = PortAllocator.allocate(new LavaRoot(dir.resolve('second')), registered)

        then:
        !(ports.publisher() in taken)
        !(ports.event() in taken)
        !(ports.web() in taken)
        ports.publisher() - ports.event() == 2500
        ports.web() - ports.publisher() == 1000
    }
}
