package org.lavasoftware.deploy.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/** The entry point of {@code ./lava-deployment-tool}. */
public final class Main {
    static {
        // picocli would otherwise load groovy.lang.Closure to support closures in annotations, and
        // with it the whole Groovy runtime: 100 ms at every start, for a feature this tool does not use.
        System.setProperty("picocli.disable.closures", "true");
    }

    private Main() {
    }

    public static void main(String[] args) {
        boolean terminal = System.console() != null;
        int status = run(args, new CliContext(System.out, System.err, System.in, System.getenv(), terminal));
        System.out.flush();
        System.exit(status);
    }

    /** Runs one command line and returns its exit status; never exits the JVM (tests call it). */
    public static int run(String[] args, CliContext context) {
        return Commands.commandLine(context, args).execute(args);
    }

    /** For tests: a run with given streams and environment, no terminal. */
    public static int run(String[] args, PrintStream out, PrintStream err, InputStream in, Map<String, String> env) {
        return run(args, new CliContext(out, err, in, env, false));
    }
}
