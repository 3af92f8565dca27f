package org.lavasoftware.deploy.engine.operations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.lavasoftware.deploy.adapters.apache.LocationSite;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.lava.LavaAdmin;
import org.lavasoftware.deploy.adapters.lava.PythonRoot;
import org.lavasoftware.deploy.adapters.lava.WorkerFiles;
import org.lavasoftware.deploy.adapters.postgres.AdminCredentials;
import org.lavasoftware.deploy.adapters.services.ServiceProgram;
import org.lavasoftware.deploy.adapters.services.ServiceState;
import org.lavasoftware.deploy.adapters.web.MachineName;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.WebMode;

/**
 * The worker every instance runs beside its server (unless LAVA_WORKER_ENABLED='no'): lava-worker
 * from the same code tree as the server, registered with it under a name no other instance of the
 * machine has, its token in a 0600 file, run as root by the service manager in the instance's
 * group. It reaches the server on gunicorn's loopback port (LAVA_WEB_PORT) and lava-publisher's
 * websocket, neither of which depends on DNS, the virtual host or Apache; only the path follows
 * the web mode (MOUNT_POINT), which is why toggle rewrites its settings.
 */
public final class LocalWorker {
    /** LAVA's download directory (lava_common.constants.DISPATCHER_DOWNLOAD_DIR), shared by every worker of the machine. */
    static final String DOWNLOADS = "/var/lib/lava/dispatcher/tmp";
    private final InstanceLayout layout;
    private final InstanceConfig config;

    public LocalWorker(InstanceLayout layout, InstanceConfig config) {
        this.layout = layout;
        this.config = config;
    }

    public static boolean enabled(InstanceConfig config) {
        return config.isYes(ConfigKey.LAVA_WORKER_ENABLED) && !config.get(ConfigKey.LAVA_WEB_PORT).isBlank()
                && !config.get(ConfigKey.LAVA_WORKER_NAME).isBlank();
    }

    public boolean enabled() {
        return enabled(config);
    }

    /** The name a new instance's worker gets: this machine's short name and the instance's, unique on the machine. */
    public static String defaultName(String instance) {
        String host = MachineName.get().toLowerCase();
        int dot = host.indexOf('.');
        host = (dot > 0 ? host.substring(0, dot) : host).replaceAll("[^a-z0-9-]", "-");
        return (host.isEmpty() ? "localhost" : host) + "-" + instance;
    }

    public String name() {
        return config.get(ConfigKey.LAVA_WORKER_NAME);
    }

    public static String program(InstanceLayout layout) {
        return InstanceServices.group(layout) + "-worker";
    }

    /** The files as the instance is served now, for the code of {@code tree}'s layout. */
    public WorkerFiles files(Path tree) {
        return files(tree, WebMode.of(config));
    }

    public WorkerFiles files(Path tree, WebMode mode) {
        String mount = mode == WebMode.LOCATION ? LocationSite.prefix(layout.name().value()).substring(1) : "";
        return new WorkerFiles(layout, name(), "http://127.0.0.1:" + config.get(ConfigKey.LAVA_WEB_PORT) + "/" + mount,
                "http://127.0.0.1:" + config.get(ConfigKey.LAVA_PUBLISHER_PORT) + "/ws/", PythonRoot.within(tree),
                config.get(ConfigKey.LAVA_SERVER_IP), config.get(ConfigKey.LAVA_PROXY));
    }

    public ServiceProgram serviceProgram() {
        return new ServiceProgram(program(layout), List.of(WorkerFiles.workerScript(layout).toString()), "root", layout.dir(),
                20, layout.logDir().resolve("lava-worker.out"), true);
    }

    /**
     * Writes the worker's settings, commands, dispatcher.yaml and env.yaml for the code of
     * {@code tree} served as {@code mode}, and the link LAVA reads the last two through.
     */
    public void writeFiles(Path tree, WebMode mode, String userGroup) {
        WorkerFiles files = files(tree, mode);
        Filesystem.directory(layout.etcLavaDispatcher(), "rwx------", "root", "root");
        Filesystem.file(files.settingsFile(), files.settingsText(), "rw-r--r--", "root", "root");
        Filesystem.file(files.workerScript(), files.workerScriptText(), "rwxr-xr-x", "root", "root");
        Filesystem.file(files.runScript(), files.runScriptText(), "rwxr-xr-x", "root", "root");
        Filesystem.directory(files.dispatcherDir(), "rwxr-xr-x", config.systemUser(), userGroup);
        Filesystem.file(files.dispatcherDir().resolve("dispatcher.yaml"), files.dispatcherYaml(), "rw-r--r--",
                config.systemUser(), userGroup);
        Filesystem.file(files.dispatcherDir().resolve("env.yaml"), files.envYaml(), "rw-r--r--", config.systemUser(), userGroup);
        Filesystem.directory(layout.workerDir().getParent(), "rwxr-xr-x", "root", "root");
        Filesystem.directory(layout.workerDir(), "rwxr-xr-x", "root", "root");
        linkForLava(files.dispatcherDir());
    }

    /** The token the worker presents: made once, kept 0600 root; a restored or cloned instance keeps its own. */
    public String token() {
        Path file = WorkerFiles.tokenFile(layout);
        try {
            if (Files.isRegularFile(file)) {
                String token = Files.readString(file).strip();
                if (!token.isEmpty()) {
                    return token;
                }
            }
            Filesystem.directory(layout.etcLavaDispatcher(), "rwx------", "root", "root");
            String token = AdminCredentials.Secrets.token(24); // LAVA keeps 32 characters
            Filesystem.file(file, token + "\n", "rw-------", "root", "root");
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Registers the worker in the database {@code admin} works on, with its token. */
    public void register(LavaAdmin admin) {
        admin.registerWorker(name(), token(), "the local worker of instance " + layout.name() + " (lava-deployment-tool)");
    }

    /** The link in /etc/lava-server/dispatcher.d, when it is this instance's. */
    public void removeSystemLink() throws IOException {
        if (ownsSystemLink()) {
            Files.deleteIfExists(WorkerFiles.SYSTEM_DISPATCHER_DIR.resolve(name()));
        }
    }

    /** Whether the worker's entry in /etc/lava-server/dispatcher.d is this instance's link. */
    public boolean ownsSystemLink() {
        Path link = WorkerFiles.SYSTEM_DISPATCHER_DIR.resolve(name());
        try {
            return Files.isSymbolicLink(link) && Files.readSymbolicLink(link).startsWith(layout.dispatcherDirs());
        } catch (IOException e) {
            return false;
        }
    }

    /** Links its dispatcher.yaml and env.yaml for LAVA again, when they are there (the undo of a removal). */
    public void restoreSystemLink() {
        Path dir = layout.dispatcherDirs().resolve(name());
        if (Files.isDirectory(dir)) {
            linkForLava(dir);
        }
    }

    private void linkForLava(Path dispatcherDir) {
        Filesystem.directory(WorkerFiles.SYSTEM_DISPATCHER_DIR, "rwxr-xr-x", "root", "root");
        Filesystem.switchLink(WorkerFiles.SYSTEM_DISPATCHER_DIR.resolve(name()), dispatcherDir);
    }

    /**
     * Ends the jobs the worker left running (lava-run and what it started keep running when the
     * worker stops, as Debian's unit wants) and removes their directories in LAVA's download
     * directory: for {@code remove}, when nothing of the instance may stay behind.
     */
    public void endJobs(Machine machine) throws IOException {
        String prefix = layout.name().value() + "-";
        // lava-run names its job's directory, what it started names the download directory
        machine.runner().runAllowingFailure(Command.of("pkill", "-KILL", "-f", "--",
                ere(layout.workerDir().resolve("tmp") + "/" + prefix) + "[0-9]|" + ere(DOWNLOADS + "/" + prefix) + "[0-9]")
                .privileged().build());
        Path downloads = Path.of(DOWNLOADS);
        if (!Files.isDirectory(downloads)) {
            return;
        }
        try (DirectoryStream<Path> jobs = Files.newDirectoryStream(downloads, prefix + "[0-9]*")) {
            for (Path job : jobs) {
                if (job.getFileName().toString().substring(prefix.length()).matches("\\d+")) {
                    Filesystem.deleteTree(job);
                }
            }
        }
    }

    /** Restarts the worker when it runs: after the code or its settings changed under it. */
    public void restartIfRunning(Machine machine) {
        String program = program(layout);
        Optional<ServiceState> state = Optional.ofNullable(machine.services().states().get(program));
        if (state.map(ServiceState::isUp).orElse(false)) {
            machine.services().stop(InstanceServices.group(layout), List.of(program));
            machine.services().start(InstanceServices.group(layout), List.of(program));
        }
    }

    /** {@code text} matched literally in a POSIX extended regular expression (pkill's). */
    static String ere(String text) {
        return text.replaceAll("([.\\[\\]()*+?{}|^$\\\\])", "\\\\$1");
    }
}
