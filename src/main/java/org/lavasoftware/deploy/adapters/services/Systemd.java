package org.lavasoftware.deploy.adapters.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.files.Filesystem;

/**
 * systemd, where it is the init: a {@code lava-NAME.target} grouping one service unit per
 * program, so the instance starts, stops and restarts as one, and comes back after a reboot.
 */
public final class Systemd implements ServiceManager {
    private static final Path UNIT_DIR = Path.of("/etc/systemd/system");
    private static final String MARKER = "# written by lava-deployment-tool for ";

    private final ProcessRunner runner;

    public Systemd(ProcessRunner runner) {
        this.runner = runner;
    }

    /** Whether systemd runs this machine (what sd_booted() checks). */
    public static boolean isInit() {
        return Files.isDirectory(Path.of("/run/systemd/system"));
    }

    @Override
    public String kind() {
        return "systemd";
    }

    @Override
    public void ensureRunning() {
        // systemd is the init: it is running
    }

    @Override
    public Path definitionFile(String group) {
        return UNIT_DIR.resolve(group + ".target");
    }

    @Override
    public String render(String group, List<ServiceProgram> programs) {
        StringBuilder out = new StringBuilder(renderTarget(group, programs));
        for (ServiceProgram p : programs) {
            out.append("\n### ").append(p.name()).append(".service\n").append(renderService(group, p));
        }
        return out.toString();
    }

    static String renderTarget(String group, List<ServiceProgram> programs) {
        return MARKER + group + "\n[Unit]\nDescription=LAVA instance " + group + "\n"
                + "Wants=" + String.join(" ", programs.stream().map(p -> p.name() + ".service").toList()) + "\n"
                + "\n[Install]\nWantedBy=multi-user.target\n";
    }

    static String renderService(String group, ServiceProgram p) {
        return MARKER + group + "\n[Unit]\nDescription=" + p.name() + "\nPartOf=" + group + ".target\n"
                + "After=network.target postgresql.service\n"
                + "\n[Service]\nUser=" + p.user() + "\nWorkingDirectory=" + p.workDir() + "\n"
                + "ExecStart=" + String.join(" ", p.command()) + "\n"
                + "ExecReload=/bin/kill -HUP $MAINPID\n"
                + (p.keepsJobs() ? "Restart=always\n" : "Restart=on-failure\n") + "TimeoutStopSec=" + p.stopSeconds()
                + (p.keepsJobs() ? "\nKillMode=process\n" : "\nKillMode=mixed\n")
                + "StandardOutput=append:" + p.outputLog() + "\nStandardError=inherit\n"
                + "\n[Install]\nWantedBy=" + group + ".target\n";
    }

    @Override
    public void register(String group, List<ServiceProgram> programs) {
        Filesystem.file(definitionFile(group), renderTarget(group, programs), "rw-r--r--", "root", "root");
        for (ServiceProgram p : programs) {
            Filesystem.file(UNIT_DIR.resolve(p.name() + ".service"), renderService(group, p), "rw-r--r--", "root", "root");
        }
        systemctl("daemon-reload");
        List<String> units = new ArrayList<>(programs.stream().map(p -> p.name() + ".service").toList());
        units.add(group + ".target");
        List<String> args = new ArrayList<>(List.of("enable", "--now"));
        args.addAll(units);
        systemctl(args.toArray(String[]::new));
    }

    @Override
    public void unregister(String group) {
        // the units, not the target, say what is left: a run killed while deleting may have taken the target first
        List<Path> units = unitsOf(group);
        if (units.isEmpty()) {
            return;
        }
        List<String> names = units.stream().map(u -> u.getFileName().toString()).toList();
        List<String> args = new ArrayList<>(List.of("disable", "--now"));
        args.addAll(names);
        runner.runAllowingFailure(Command.of("systemctl").args(args).privileged().build());
        for (Path unit : units) {
            try {
                Files.deleteIfExists(unit);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + unit + ": " + e.getMessage(), e);
            }
        }
        systemctl("daemon-reload");
    }

    @Override
    public List<Path> registeredDirectories() {
        return directoriesIn(UNIT_DIR);
    }

    /** The working directories of the service units the tool wrote into {@code unitDir}. */
    static List<Path> directoriesIn(Path unitDir) {
        return WrittenDefinitions.directories(unitDir, "*.service", MARKER, "WorkingDirectory=");
    }

    @Override
    public boolean isRegisteredFor(String group, Path workDir) {
        return isRegistered(group) && unitsOf(group).stream()
                .anyMatch(unit -> WrittenDefinitions.names(unit, "WorkingDirectory=", workDir));
    }

    private List<Path> unitsOf(String group) {
        try (Stream<Path> files = Files.list(UNIT_DIR)) {
            return files.filter(f -> f.getFileName().toString().startsWith(group + "-")
                    || f.getFileName().toString().equals(group + ".target"))
                    .filter(f -> {
                        try {
                            return Files.readString(f).startsWith(MARKER + group + "\n");
                        } catch (IOException e) {
                            return false;
                        }
                    }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + UNIT_DIR + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean isRegistered(String group) {
        return Files.exists(definitionFile(group));
    }

    @Override
    public void start(String group) {
        systemctl("start", group + ".target");
    }

    @Override
    public void stop(String group) {
        systemctl("stop", group + ".target");
    }

    @Override
    public void stop(String group, List<String> programs) {
        List<String> args = new ArrayList<>(List.of("stop"));
        programs.forEach(p -> args.add(p + ".service"));
        systemctl(args.toArray(String[]::new));
    }

    @Override
    public void start(String group, List<String> programs) {
        List<String> args = new ArrayList<>(List.of("start"));
        programs.forEach(p -> args.add(p + ".service"));
        systemctl(args.toArray(String[]::new));
    }

    @Override
    public void restart(String group) {
        systemctl("restart", group + ".target");
    }

    @Override
    public void reload(String group, String program) {
        systemctl("reload", program + ".service");
    }

    @Override
    public Map<String, ServiceState> states() {
        Map<String, ServiceState> states = new LinkedHashMap<>();
        ExecResult r = runner.runAllowingFailure(Command.of("systemctl", "list-units", "--all", "--no-legend",
                "--plain", "lava-*.service").build());
        for (String line : r.stdout().split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length >= 4 && f[0].endsWith(".service")) {
                String name = f[0].substring(0, f[0].length() - ".service".length());
                states.put(name, switch (f[2]) {
                    case "active" -> f[3].equals("running") ? ServiceState.RUNNING : ServiceState.STARTING;
                    case "activating", "reloading" -> ServiceState.STARTING;
                    case "failed" -> ServiceState.FAILED;
                    case "inactive", "deactivating" -> ServiceState.STOPPED;
                    default -> ServiceState.UNKNOWN;
                });
            }
        }
        return states;
    }

    private void systemctl(String... args) {
        runner.run(Command.of("systemctl").args(args).privileged().build());
    }
}
