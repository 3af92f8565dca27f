package org.lavasoftware.deploy.engine.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.lava.WorkerFiles;
import org.lavasoftware.deploy.adapters.postgres.PostgresAdmin;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceName;

/** What an install refuses before it changes anything: each check one clear line. */
final class InstallChecks {
    private final OperationContext context;
    private final InstallSettings settings;
    private final Machine machine;

    InstallChecks(OperationContext context, InstallSettings settings) {
        this.context = context;
        this.settings = settings;
        this.machine = Machine.of(context);
    }

    void run() {
        InstanceName name = settings.name();
        RootAccess.requireTraversable(context.root());
        if (context.layout().exists()) {
            throw ToolException.badInput("instance " + name + " already exists under " + context.root().path()
                    + "; choose another name, or remove it first");
        }
        checkHostIsFree();
        checkCertificate();
        checkWorkerNameIsFree();
        String user = settings.systemUser();
        if (settings.dev()) {
            if (!machine.users().exists(user)) {
                throw ToolException.badInput("no user " + user + " on this machine for a developer instance");
            }
        } else if (machine.users().exists(user)) {
            throw ToolException.badInput("system user " + user + " already exists (left by an earlier installation?); "
                    + "remove it with `userdel " + user + "`, or choose another name");
        }
        if (!settings.withSetup()) {
            checkDatabaseIsFree(name);
            // an unknown source or revision is refused now, not after the database exists
            org.lavasoftware.deploy.adapters.sources.CodeSources.of(settings.source(), context.root().cacheDir(),
                    machine.runner()).resolve(settings.version());
        }
    }

    private void checkHostIsFree() {
        if (!settings.host().matches("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
            throw ToolException.badInput("'" + settings.host() + "' is not a host name; use letters, digits, '-' and '.'");
        }
        for (InstanceName other : context.root().instanceNames()) {
            String host = InstanceConfigStore.load(context.root().instance(other)).config().get(ConfigKey.LAVA_APACHE_VHOST);
            if (host.equalsIgnoreCase(settings.host())) {
                throw ToolException.badInput("host " + settings.host() + " is already served by instance " + other
                        + "; give this one another with --vhost HOST");
            }
        }
    }

    /** LAVA reads a worker's settings from one machine-wide place: another LAVA's worker of that name would share them. */
    private void checkWorkerNameIsFree() {
        if (!settings.worker()) {
            return;
        }
        String worker = LocalWorker.defaultName(settings.name().value());
        Path entry = WorkerFiles.SYSTEM_DISPATCHER_DIR.resolve(worker);
        boolean leftover = Files.isSymbolicLink(entry) && !Files.exists(entry);
        if (Files.exists(entry, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !leftover) {
            throw ToolException.badInput(entry + " exists: another LAVA on this machine has a worker named " + worker
                    + "; remove that entry if it is left over, or choose another instance name");
        }
    }

    private void checkCertificate() {
        if (settings.https() != InstallSettings.Https.CERTIFICATE) {
            return;
        }
        for (Path file : new Path[] {settings.certificate(), settings.key()}) {
            if (file == null || !Files.isReadable(file)) {
                throw ToolException.badInput("cannot read " + file + "; --https needs --cert FILE and --key FILE, "
                        + "or none of them for a self-signed certificate");
            }
        }
    }

    private void checkDatabaseIsFree(InstanceName name) {
        try (PostgresAdmin admin = machine.postgresAdmin()) {
            String db = name.systemName();
            if (admin.roleExists(db) || admin.databaseExists(db)) {
                throw ToolException.badInput("PostgreSQL already has a role or database " + db
                        + " (left by an earlier installation?); drop it, or choose another name");
            }
        }
    }
}
