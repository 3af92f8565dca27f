package org.lavasoftware.deploy.engine.operations.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.OperationLog;

/**
 * The nightly backup of the machine's instances, scheduled: a systemd timer and its service where
 * systemd is the init ({@code /run/systemd/system} exists), else a file in {@code /etc/cron.d}.
 * Either runs {@code lava-deployment-tool --root ROOT run recipes/nightly-backup.lava keep=N} as
 * root at the given time. Writing it again replaces it; in a dry run the files are only shown.
 */
public final class BackupSchedule {
    /** What to write and where. */
    public record Settings(String kind, String unit, String at, int keep, Path systemdDir, Path cronDir, Path home) {
    }

    private final Engine engine;
    private final Settings settings;

    public BackupSchedule(Engine engine, Settings settings) {
        this.engine = engine;
        this.settings = settings;
    }

    /** systemd when it is the init, else cron. */
    public static String detect() {
        return Files.isDirectory(Path.of("/run/systemd/system")) ? "systemd" : "cron";
    }

    public static Settings settings(Map<String, ?> options) {
        Object kind = options.containsKey("using") ? options.get("using") : "auto";
        String using = kind == null || kind.toString().equals("auto") ? detect() : kind.toString();
        if (!using.equals("systemd") && !using.equals("cron")) {
            throw ToolException.badInput("scheduleBackup: using must be systemd, cron or auto, not " + using);
        }
        String at = String.valueOf(options.containsKey("at") ? options.get("at") : "02:30");
        if (!at.matches("([01][0-9]|2[0-3]):[0-5][0-9]")) {
            throw ToolException.badInput("scheduleBackup: at must be a time HH:MM, not " + at);
        }
        int keep;
        try {
            keep = Integer.parseInt(String.valueOf(options.containsKey("keep") ? options.get("keep") : "7"));
        } catch (NumberFormatException e) {
            keep = 0;
        }
        if (keep < 1) {
            throw ToolException.badInput("scheduleBackup: keep must be a number of snapshots, at least 1");
        }
        String unit = String.valueOf(options.containsKey("unit") ? options.get("unit") : "lava-backup");
        if (!unit.matches("[a-z0-9][a-z0-9-]*")) {
            throw ToolException.badInput("scheduleBackup: unit must be lower-case letters, digits and '-', not " + unit);
        }
        Path systemd = Path.of(String.valueOf(options.containsKey("systemdDir") ? options.get("systemdDir") : "/etc/systemd/system"));
        Path cron = Path.of(String.valueOf(options.containsKey("cronDir") ? options.get("cronDir") : "/etc/cron.d"));
        String home = System.getProperty("ldt.home");
        return new Settings(using, unit, at, keep, systemd, cron, Path.of(home == null ? "." : home).toAbsolutePath().normalize());
    }

    /** The files, path to content. */
    public Map<Path, String> files() {
        String command = settings.home().resolve("lava-deployment-tool") + " --root " + engine.root().path()
                + " run " + settings.home().resolve("recipes/nightly-backup.lava") + " keep=" + settings.keep();
        Map<Path, String> files = new LinkedHashMap<>();
        String[] hm = settings.at().split(":");
        if (settings.kind().equals("cron")) {
            files.put(settings.cronDir().resolve(settings.unit()), "# the nightly backup of the LAVA instances "
                    + "(lava-deployment-tool scheduleBackup)\nSHELL=/bin/sh\nPATH=/usr/sbin:/usr/bin:/sbin:/bin\n"
                    + Integer.parseInt(hm[1]) + " " + Integer.parseInt(hm[0]) + " * * *  root  " + command + "\n");
        } else {
            files.put(settings.systemdDir().resolve(settings.unit() + ".service"), "[Unit]\nDescription=the nightly backup "
                    + "of the LAVA instances\n\n[Service]\nType=oneshot\nExecStart=" + command + "\n");
            files.put(settings.systemdDir().resolve(settings.unit() + ".timer"), "[Unit]\nDescription=the nightly backup "
                    + "of the LAVA instances\n\n[Timer]\nOnCalendar=*-*-* " + settings.at() + ":00\nPersistent=true\n\n"
                    + "[Install]\nWantedBy=timers.target\n");
        }
        return files;
    }

    /** Writes the files (and enables the timer); returns a map with using, files and at. */
    public Map<String, Object> apply() {
        Map<Path, String> files = files();
        List<String> written = new ArrayList<>();
        files.keySet().forEach(p -> written.add(p.toString()));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("using", settings.kind());
        result.put("files", written);
        result.put("at", settings.at());
        if (engine.isDryRun()) {
            files.forEach((path, text) -> engine.reporter().info("would write " + path + ":\n" + text.strip()));
            if (settings.kind().equals("systemd")) {
                engine.reporter().info("would run systemctl daemon-reload; systemctl enable --now " + settings.unit() + ".timer");
            }
            return result;
        }
        files.forEach((path, text) -> {
            if (!Files.isDirectory(path.getParent())) {
                Filesystem.directory(path.getParent(), "rwxr-xr-x", "root", "root");
            }
            Filesystem.file(path, text, "rw-r--r--", "root", "root");
        });
        if (settings.kind().equals("systemd")) {
            try (OperationLog log = engine.openLog("schedule")) {
                ProcessRunner runner = new ProcessRunner(engine.privilege(), log);
                runner.run(Command.of("systemctl", "daemon-reload").privileged().build());
                runner.run(Command.of("systemctl", "enable", "--now", settings.unit() + ".timer").privileged().build());
            }
        }
        return result;
    }
}
