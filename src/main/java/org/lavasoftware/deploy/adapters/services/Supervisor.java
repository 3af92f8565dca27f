package org.lavasoftware.deploy.adapters.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.files.Filesystem;

/**
 * supervisord, Debian's package: one {@code conf.d/lava-NAME.conf} per instance holding a group of
 * programs. The file holds no secret (the programs read theirs from the instance's files).
 */
public final class Supervisor implements ServiceManager {
    private static final Path CONFIG = Path.of("/etc/supervisor/supervisord.conf");
    private static final Path INCLUDE_DIR = Path.of("/etc/supervisor/conf.d");
    private static final String MARKER = "; written by lava-deployment-tool for ";

    private final ProcessRunner runner;

    public Supervisor(ProcessRunner runner) {
        this.runner = runner;
    }

    @Override
    public String kind() {
        return "supervisord";
    }

    @Override
    public void ensureRunning() {
        if (!ctl("pid").succeeded()) {
            // supervisord's programs inherit its whole environment: start it with a clean one
            runner.run(startCommand());
            for (int i = 0; i < 50 && !ctl("pid").succeeded(); i++) {
                sleep(100);
            }
        }
    }

    public static Command startCommand() {
        return Command.of("env", "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "LANG=C.UTF-8", "/usr/bin/supervisord",
                "-c", CONFIG.toString()).privileged().in(Path.of("/")).build();
    }

    @Override
    public Path definitionFile(String group) {
        return INCLUDE_DIR.resolve(group + ".conf");
    }

    @Override
    public List<Path> registeredDirectories() {
        return directoriesIn(INCLUDE_DIR);
    }

    /** The working directories of the programs of the definitions the tool wrote into {@code includeDir}. */
    static List<Path> directoriesIn(Path includeDir) {
        return WrittenDefinitions.directories(includeDir, "*.conf", MARKER, "directory=");
    }

    @Override
    public String render(String group, List<ServiceProgram> programs) {
        StringBuilder out = new StringBuilder();
        out.append(MARKER).append(group).append("; no secrets in here\n");
        out.append("[group:").append(group).append("]\nprograms=")
                .append(String.join(",", programs.stream().map(ServiceProgram::name).toList())).append("\n");
        for (ServiceProgram p : programs) {
            out.append("\n[program:").append(p.name()).append("]\n")
                    .append("command=").append(String.join(" ", p.command()).replace("%", "%%")).append('\n')
                    .append("directory=").append(p.workDir()).append('\n')
                    .append("user=").append(p.user()).append('\n')
                    .append("autostart=true\nautorestart=true\nstartsecs=3\nstopsignal=TERM\n")
                    .append("stopwaitsecs=").append(p.stopSeconds()).append('\n')
                    .append(p.keepsJobs() ? "stopasgroup=false\nkillasgroup=false\n" : "stopasgroup=true\nkillasgroup=true\n")
                    .append("redirect_stderr=true\n")
                    .append("stdout_logfile=").append(p.outputLog()).append('\n');
        }
        return out.toString();
    }

    @Override
    public void register(String group, List<ServiceProgram> programs) {
        ensureRunning();
        Filesystem.file(definitionFile(group), render(group, programs), "rw-r--r--", "root", "root");
        runner.run(Command.of("supervisorctl", "update", group).privileged().timeout(Duration.ofMinutes(2)).build());
    }

    @Override
    public void unregister(String group) {
        Path file = definitionFile(group);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + file + ": " + e.getMessage(), e);
        }
        // what supervisord runs, not the file, says whether to tell it: a run killed after removing the
        // file left the group running, and `update GROUP` fails for a group it never loaded
        if (ctl("pid").succeeded() && loaded(group)) {
            runner.run(Command.of("supervisorctl", "update", group).privileged().timeout(Duration.ofMinutes(2)).build());
        }
    }

    /** Whether supervisord has the group's programs, running or not ({@code status} names them GROUP:PROGRAM). */
    private boolean loaded(String group) {
        return loaded(ctl("status").stdout(), group);
    }

    static boolean loaded(String status, String group) {
        return status.lines().anyMatch(line -> line.strip().startsWith(group + ":"));
    }

    @Override
    public boolean isRegistered(String group) {
        return Files.exists(definitionFile(group));
    }

    @Override
    public boolean isRegisteredFor(String group, Path workDir) {
        return names(definitionFile(group), workDir);
    }

    /** Whether the definition {@code file} is of the instance in {@code workDir}. */
    static boolean names(Path file, Path workDir) {
        return WrittenDefinitions.names(file, "directory=", workDir);
    }

    @Override
    public boolean isCurrent(String group, List<ServiceProgram> programs) {
        try {
            return Files.readString(definitionFile(group)).equals(render(group, programs));
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void start(String group) {
        ensureRunning();
        runner.run(Command.of("supervisorctl", "start", group + ":*").privileged().timeout(Duration.ofMinutes(2)).build());
    }

    @Override
    public void stop(String group) {
        if (ctl("pid").succeeded()) {
            runner.run(Command.of("supervisorctl", "stop", group + ":*").privileged().timeout(Duration.ofMinutes(2)).build());
        }
    }

    @Override
    public void stop(String group, List<String> programs) {
        runner.run(Command.of("supervisorctl", "stop").args(programs.stream().map(p -> group + ":" + p).toList())
                .privileged().timeout(Duration.ofMinutes(2)).build());
    }

    /**
     * Starts the programs; one already running is what was asked (supervisorctl calls that an
     * error): an interrupted operation's recovery starts again what it may have started already.
     */
    @Override
    public void start(String group, List<String> programs) {
        Command start = Command.of("supervisorctl", "start").args(programs.stream().map(p -> group + ":" + p).toList())
                .privileged().timeout(Duration.ofMinutes(2)).build();
        ExecResult result = runner.runAllowingFailure(start);
        if (!result.succeeded() && !onlyAlreadyStarted(result.stdout() + "\n" + result.stderr())) {
            throw ToolException.failed("supervisorctl failed (exit " + result.exitCode() + "): " + result.lastErrorLine());
        }
    }

    /** Whether every error supervisorctl's output reports is a program already started. */
    static boolean onlyAlreadyStarted(String output) {
        boolean any = false;
        for (String line : output.split("\n")) {
            if (line.contains("ERROR")) {
                if (!line.strip().endsWith("ERROR (already started)")) {
                    return false;
                }
                any = true;
            }
        }
        return any;
    }

    @Override
    public void restart(String group) {
        ensureRunning();
        runner.run(Command.of("supervisorctl", "restart", group + ":*").privileged().timeout(Duration.ofMinutes(3)).build());
    }

    @Override
    public void reload(String group, String program) {
        runner.run(Command.of("supervisorctl", "signal", "HUP", group + ":" + program).privileged().build());
    }

    @Override
    public Map<String, ServiceState> states() {
        Map<String, ServiceState> states = new LinkedHashMap<>();
        ExecResult r = ctl("status");
        for (String line : r.stdout().split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 2 && f[0].contains(":")) {
                states.put(f[0].substring(f[0].indexOf(':') + 1), parse(f[1]));
            }
        }
        return states;
    }

    private static ServiceState parse(String state) {
        return switch (state) {
            case "RUNNING" -> ServiceState.RUNNING;
            case "STARTING" -> ServiceState.STARTING;
            case "STOPPED", "STOPPING", "EXITED" -> ServiceState.STOPPED;
            case "FATAL", "BACKOFF" -> ServiceState.FAILED;
            default -> ServiceState.UNKNOWN;
        };
    }

    private ExecResult ctl(String what) {
        return runner.runAllowingFailure(Command.of("supervisorctl", what).privileged().build());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
