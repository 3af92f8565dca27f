package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path
import org.lavasoftware.deploy.adapters.exec.Privilege
import org.lavasoftware.deploy.adapters.exec.ProcessRunner
import org.lavasoftware.deploy.engine.OperationLog
import org.lavasoftware.deploy.engine.operations.Machine
import org.lavasoftware.deploy.model.LavaRoot

/**
 * Instances that an interrupted earlier test run left on this machine. A killed test JVM never
 * runs its cleanupSpec, and the system users, services, Apache sites and databases it leaves would
 * make this run's install of the same name refuse ("system user ... already exists"). They are
 * recognised by their user's home: an instance directory inside a temporary directory of a test
 * (prefix and random digits), never a root an administrator or a benchmark chose.
 */
class EarlierTestRuns {
    private static final String TEMP = System.getProperty('java.io.tmpdir').replaceAll('/+$', '')
    private static final def TEST_HOME = ~('^' + java.util.regex.Pattern.quote(TEMP) + '/[a-z-]+\\d{6,}/.+/instances/([a-z0-9][a-z0-9-]*)$')

    /**
     * What is left of each such instance, removed the tool's way while its directory is there (an
     * interrupted removal is finished by `recover`), else by name.
     */
    static void clearLeftovers() {
        for (def leftover : leftovers()) {
            Path root = leftover.v1
            String name = leftover.v2
            if (!removedByTheTool(root, name)) {
                removeByName(name)
            }
        }
    }

    private static boolean removedByTheTool(Path root, String name) {
        Path conf = root.resolve("instances/${name}/instance.conf")
        for (List<String> command : [['remove', name], ['recover', name], ['remove', name]]) {
            if (!Files.exists(conf)) {
                break
            }
            def run = CliRun.run(['--root', root.toString(), '--yes'] + command)
            System.err.println("an earlier test run's ${name} under ${root}, ${command[0]}: status ${run.status}")
        }
        !Files.exists(conf)
    }

    /** Root and name of every instance whose system user lives in a test's temporary directory. */
    static List<Tuple2<Path, String>> leftovers() {
        MachineState.run('getent', 'passwd').out.readLines().collect { leftoverOf(it) }.findAll { it != null }
    }

    /** The root and instance name a passwd line's user belongs to, if a test made it; else null. */
    static Tuple2<Path, String> leftoverOf(String passwdLine) {
        def fields = passwdLine.split(':')
        if (fields.length < 6) {
            return null
        }
        def home = TEST_HOME.matcher(fields[5])
        if (!home.matches() || fields[0] != 'lava-' + home.group(1)) {
            return null
        }
        new Tuple2<>(Path.of(fields[5]).parent.parent, home.group(1))
    }

    /** What the tool's removal would do, for an instance whose directory (and so its settings) is gone. */
    private static void removeByName(String name) {
        String system = 'lava-' + name
        def machine = Machine.of(new LavaRoot(Path.of(TEMP)), new ProcessRunner(Privilege.detect(), OperationLog.discard()))
        machine.services().unregister(system)
        machine.apache().removeSite(system)
        machine.postgresAdmin().withCloseable { admin ->
            admin.dropDatabase(system)
            admin.dropRole(system)
        }
        machine.users().delete(system)
        removeWorkerLinks()
    }

    /** The links to local workers' settings (/etc/lava-server/dispatcher.d) that lead into a test's deleted directory. */
    private static void removeWorkerLinks() {
        Path dir = Path.of('/etc/lava-server/dispatcher.d')
        if (!Files.isDirectory(dir)) {
            return
        }
        Files.list(dir).withCloseable { links ->
            links.filter { Files.isSymbolicLink(it) && !Files.exists(it) && Files.readSymbolicLink(it).startsWith(TEMP + '/') }
                    .forEach { Files.delete(it) }
        }
    }
}
