package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.LinkOption
import java.nio.file.Path

/** What specs of the web modes read back from the machine and from a root. */
class WebModeState {
    static final Path SITES_ENABLED = Path.of('/etc/apache2/sites-enabled')
    static final Path LOCATIONS = Path.of('/etc/apache2/lava-locations')

    static boolean debianDefaultEnabled() {
        Files.exists(SITES_ENABLED.resolve('000-default.conf'), LinkOption.NOFOLLOW_LINKS)
    }

    /** Puts Debian's 000-default back to enabled or not, as it was found, and reloads Apache. */
    static void restoreDebianDefault(boolean enabled) {
        if (debianDefaultEnabled() != enabled) {
            MachineState.run(enabled ? 'a2ensite' : 'a2dissite', '-q', '000-default')
            if (MachineState.run('apache2ctl', 'configtest').status == 0) {
                MachineState.run('apache2ctl', 'graceful')
            }
        }
    }

    /**
     * The tool's part of Apache's configuration and the Apache files of the instances: every
     * name, link target and content, so that two readings compare equal when nothing changed.
     */
    static Map<String, String> apacheFiles(Path root, List<String> instances) {
        Map<String, String> state = new TreeMap<>()
        List<Path> dirs = [SITES_ENABLED, Path.of('/etc/apache2/sites-available'), LOCATIONS] +
                instances.collect { root.resolve("instances/${it}/etc/apache2") }
        dirs.findAll { Files.isDirectory(it) }.each { Path dir ->
            Files.list(dir).withCloseable { s -> s.toList() }.findAll { it.fileName.toString() ==~ /(00.*|lava-tg-.*)/ }.each { Path p ->
                state[p.toString()] = Files.isSymbolicLink(p) ? '-> ' + Files.readSymbolicLink(p) : Files.readString(p)
            }
        }
        state
    }

    static String secretKey(Path root, String name) {
        Files.readAllLines(root.resolve("instances/${name}/etc/lava-server/lava.env")).find { it.startsWith('SECRET_KEY=') }
    }

    /** Graceful reloads of Apache the tool ran, as the operation log of {@code subject} records them. */
    static int reloadsIn(Path root, String subject) {
        Path log = root.resolve("var/log/lava-deployment-tool/${subject}.log")
        Files.exists(log) ? Files.readAllLines(log).count { it.contains('apache2ctl graceful') } as int : 0
    }
}
