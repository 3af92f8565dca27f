package org.lavasoftware.deploy.support

import java.nio.file.Files
import java.nio.file.Path

/** What specs ask the machine directly, to check what the tool left behind (or did not). */
class MachineState {
    static boolean userExists(String user) {
        run('getent', 'passwd', user).status == 0
    }

    static boolean groupExists(String group) {
        run('getent', 'group', group).status == 0
    }

    /** Roles and databases of that name in the default PostgreSQL cluster. */
    static List<String> postgresObjects(String name) {
        String sql = "select 'role ' || rolname from pg_roles where rolname = '${name}' " +
                "union all select 'database ' || datname from pg_database where datname = '${name}'"
        run('runuser', '-u', 'postgres', '--', 'psql', '-X', '-Atc', sql).out.readLines().findAll { it }
    }

    static void psql(String sql) {
        def r = run('runuser', '-u', 'postgres', '--', 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-c', sql)
        assert r.status == 0: r.out
    }

    static boolean apacheSite(String site) {
        Files.exists(Path.of("/etc/apache2/sites-available/${site}.conf")) ||
                Files.exists(Path.of("/etc/apache2/sites-enabled/${site}.conf"))
    }

    static boolean supervisorProgramOf(String group) {
        Files.exists(Path.of("/etc/supervisor/conf.d/${group}.conf")) ||
                run('supervisorctl', 'status').out.readLines().any { it.startsWith(group + ':') }
    }

    static List<String> processesOf(String user) {
        run('pgrep', '-u', user).out.readLines().findAll { it }
    }

    /**
     * Whether {@code condition} holds within a minute: for what the tool leaves to a process of
     * its own after it returns. A bound on failing, not a measure of speed.
     */
    static boolean eventually(Closure<Boolean> condition) {
        eventually(60, condition)
    }

    /** As {@link #eventually(Closure)}, within {@code seconds}: for what takes a job to happen (a health check). */
    static boolean eventually(int seconds, Closure<Boolean> condition) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L
        while (!condition()) {
            if (System.nanoTime() > deadline) {
                return false
            }
            Thread.sleep(200)
        }
        true
    }

    static Map run(String... command) {
        def p = new ProcessBuilder(command).redirectErrorStream(true).start()
        String out = p.inputStream.text
        [status: p.waitFor(), out: out]
    }
}
