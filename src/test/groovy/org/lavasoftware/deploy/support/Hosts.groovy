package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path

/**
 * Names in /etc/hosts for the virtual hosts of a spec's instances, so that a client that cannot be
 * told where a name is (lavacli) reaches them on this machine, as it would a lab's real names.
 * Each line carries a marker; the marker's lines are removed again, an earlier run's too.
 */
class Hosts {
    private static final Path FILE = Path.of('/etc/hosts')
    private static final String MARKER = ' # lava-deployment-tool spec'

    static synchronized void add(List<String> names) {
        removeAll()
        Files.writeString(FILE, Files.readString(FILE).replaceAll(/(?s)([^\n])$/, '$1\n')
                + names.collect { "127.0.0.1 ${it}${MARKER}\n" }.join(''))
    }

    static synchronized void removeAll() {
        List<String> kept = Files.readAllLines(FILE).findAll { !it.endsWith(MARKER) }
        Files.writeString(FILE, kept.join('\n') + '\n')
    }
}
