package org.lavasoftware.deploy.adapters.postgres;

import java.time.Duration;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;

/**
 * The machine's default PostgreSQL cluster (the first pg_lsclusters lists, as the classic tool
 * used the default cluster): its version, name, port and whether it runs.
 */
public record PostgresCluster(String version, String name, int port, boolean online) {

    public static PostgresCluster detect(ProcessRunner runner) {
        ExecResult r = runner.runAllowingFailure(Command.of("pg_lsclusters", "--no-header").build());
        for (String line : r.stdout().split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4 && f[2].matches("\\d+")) {
                return new PostgresCluster(f[0], f[1], Integer.parseInt(f[2]), f[3].startsWith("online"));
            }
        }
        throw ToolException.unexpectedState("no PostgreSQL cluster on this machine (pg_lsclusters lists none); run setup");
    }

    public Command startCommand() {
        return Command.of("pg_ctlcluster", version, name, "start").privileged().timeout(Duration.ofMinutes(2)).build();
    }

    /** The dump tools of the cluster's own version: a newer pg_dump than the server is wrong too. */
    public String binary(String tool) {
        return "/usr/lib/postgresql/" + version + "/bin/" + tool;
    }
}
