package org.lavasoftware.deploy.engine.operations;

import java.nio.file.Path;
import org.lavasoftware.deploy.adapters.apache.Apache;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.packages.Apt;
import org.lavasoftware.deploy.adapters.postgres.AdminCredentials;
import org.lavasoftware.deploy.adapters.postgres.PostgresAdmin;
import org.lavasoftware.deploy.adapters.postgres.PostgresCluster;
import org.lavasoftware.deploy.adapters.services.ServiceManager;
import org.lavasoftware.deploy.adapters.services.ServiceManagers;
import org.lavasoftware.deploy.adapters.sources.DebianRelease;
import org.lavasoftware.deploy.adapters.users.SystemUsers;
import org.lavasoftware.deploy.adapters.web.HttpCheck;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.model.LavaRoot;

/** The real things an operation works on, each through its adapter, sharing the operation's log. */
public final class Machine {
    private final LavaRoot root;
    private final ProcessRunner runner;

    private Machine(LavaRoot root, ProcessRunner runner) {
        this.root = root;
        this.runner = runner;
    }

    public static Machine of(OperationContext context) {
        return new Machine(context.root(), context.runner());
    }

    public static Machine of(LavaRoot root, ProcessRunner runner) {
        return new Machine(root, runner);
    }

    public ProcessRunner runner() {
        return runner;
    }

    public Apt apt() {
        return new Apt(runner);
    }

    public DebianRelease debianRelease() {
        return new DebianRelease(apt(), root.cacheDir());
    }

    public SystemUsers users() {
        return new SystemUsers(runner);
    }

    public ServiceManager services() {
        return ServiceManagers.forThisMachine(runner);
    }

    public Apache apache() {
        return new Apache(runner);
    }

    public HttpCheck http() {
        return new HttpCheck(runner);
    }

    public PostgresCluster postgres() {
        return PostgresCluster.detect(runner);
    }

    /**
     * The password of the tool's PostgreSQL role. The role belongs to the cluster, not to a root,
     * so its password is the machine's: a second root's setup reuses it instead of re-keying the
     * role under the first.
     */
    public AdminCredentials postgresCredentials() {
        return new AdminCredentials(Path.of("/etc/lava-deployment-tool/postgres-admin.pass"));
    }

    /** A JDBC session as the tool's role; close it. */
    public PostgresAdmin postgresAdmin() {
        return PostgresAdmin.connect(postgres(), postgresCredentials());
    }
}
