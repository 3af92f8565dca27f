package org.lavasoftware.deploy.support

import org.lavasoftware.deploy.cli.Main

/** Runs the real command-line entry in this JVM and keeps what it printed and returned. */
class CliRun {
    final int status
    final String out
    final String err

    private CliRun(int status, String out, String err) {
        this.status = status
        this.out = out
        this.err = err
    }

    static CliRun run(List<String> args, Map<String, String> env = [:], String input = '') {
        def out = new ByteArrayOutputStream()
        def err = new ByteArrayOutputStream()
        Map<String, String> environment = [HOME: System.getProperty('java.io.tmpdir') + '/ldt-test-home'] + env
        int status = Main.run(args as String[], new PrintStream(out, true, 'UTF-8'), new PrintStream(err, true, 'UTF-8'),
                new ByteArrayInputStream(input.getBytes('UTF-8')), environment)
        new CliRun(status, out.toString('UTF-8'), err.toString('UTF-8'))
    }

    @Override
    String toString() {
        "status ${status}\n--- out\n${out}--- err\n${err}"
    }
}
