package org.lavasoftware.deploy.adapters.lava;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.ShellAssignments;
import org.lavasoftware.deploy.text.Mappers;

/**
 * The files of an instance's local worker, as text: its settings (the Debian package's
 * {@code /etc/lava-dispatcher/lava-worker}, kept in the instance), its commands in {@code bin/}, and
 * what LAVA 2023.01 serves a worker from {@code /etc/lava-server/dispatcher.d/WORKER/} (its
 * {@code lava_server/files.py} reads no other place): {@code dispatcher.yaml} with the prefix that
 * keeps its jobs' directories apart from other instances' (the download directory
 * {@code /var/lib/lava/dispatcher/tmp} is LAVA's constant), and {@code env.yaml}.
 *
 * @param url       where the worker reaches the server (gunicorn's loopback port, under MOUNT_POINT)
 * @param wsUrl     lava-publisher's websocket
 * @param serverIp  LAVA_SERVER_IP: the address devices reach this machine at (dispatcher_ip), or empty
 * @param proxy     LAVA_PROXY: the HTTP proxy of jobs' downloads, or empty
 */
public record WorkerFiles(InstanceLayout layout, String workerName, String url, String wsUrl, Path pythonRoot,
                          String serverIp, String proxy) {
    /** Where LAVA 2023.01 reads each worker's dispatcher.yaml and env.yaml. */
    public static final Path SYSTEM_DISPATCHER_DIR = Path.of("/etc/lava-server/dispatcher.d");

    public Path settingsFile() {
        return layout.etcLavaDispatcher().resolve("lava-worker");
    }

    /** The worker's token, 0600 root: lava-worker reads it with --token-file. */
    public Path tokenFile() {
        return tokenFile(layout);
    }

    public static Path tokenFile(InstanceLayout layout) {
        return layout.etcLavaDispatcher().resolve("token");
    }

    /** Its dispatcher.yaml and env.yaml, kept (and backed up) with the instance. */
    public Path dispatcherDir() {
        return layout.dispatcherDirs().resolve(workerName);
    }

    public Path workerScript() {
        return workerScript(layout);
    }

    /** What the service manager runs: as root, as Debian's lava-worker.service does. */
    public static Path workerScript(InstanceLayout layout) {
        return layout.dir().resolve("bin/lava-worker");
    }

    public Path runScript() {
        return layout.dir().resolve("bin/lava-run");
    }

    public Path log() {
        return layout.logDir().resolve("lava-worker.log");
    }

    /** What starts a job's directory names: {@code NAME-} (job 1 of demo runs in demo-1). */
    public String prefix() {
        return layout.name().value() + "-";
    }

    public String settingsText() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("WORKER_NAME", workerName);
        values.put("URL", url);
        values.put("WS_URL", wsUrl);
        values.put("PYTHONPATH", layout.currentCode().resolve(pythonRoot).toString());
        values.put("LOGLEVEL", "INFO");
        StringBuilder out = new StringBuilder("# written by lava-deployment-tool: the local worker of instance "
                + layout.name() + " (no secrets: its token is in " + tokenFile() + ")\n");
        values.forEach((k, v) -> out.append(ShellAssignments.assignment(k, v)).append('\n'));
        return out.toString();
    }

    public String dispatcherYaml() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("prefix", prefix());
        if (!serverIp.isBlank()) {
            values.put("dispatcher_ip", serverIp);
        }
        return "# written by lava-deployment-tool for the local worker of instance " + layout.name()
                + " (LAVA_SERVER_IP is dispatcher_ip)\n" + Mappers.yaml(values);
    }

    /** The environment of its jobs: Debian's default, this instance's lava-run first on the PATH, the proxy. */
    public String envYaml() {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("LC_ALL", "C.UTF-8");
        overrides.put("LANG", "C");
        overrides.put("PATH", binDir() + ":/usr/local/bin:/usr/local/sbin:/bin:/usr/bin:/usr/sbin:/sbin");
        if (!proxy.isBlank()) {
            overrides.put("http_proxy", proxy);
            overrides.put("https_proxy", proxy);
        }
        return "# written by lava-deployment-tool for the local worker of instance " + layout.name()
                + " (LAVA_PROXY is http_proxy)\n" + Mappers.yaml(Map.of("overrides", overrides));
    }

    public String workerScriptText() {
        return fill(template("lava-worker.sh"));
    }

    public String runScriptText() {
        return fill(template("lava-run.sh"));
    }

    private Path binDir() {
        return layout.dir().resolve("bin");
    }

    private String fill(String text) {
        return text.replace("@NAME@", layout.name().value())
                .replace("@SETTINGS@", ShellAssignments.quote(settingsFile().toString()))
                .replace("@BIN@", ShellAssignments.quote(binDir().toString()))
                .replace("@CODE@", ShellAssignments.quote(layout.currentCode().toString()))
                .replace("@WORKER_DIR@", ShellAssignments.quote(layout.workerDir().toString()))
                .replace("@TOKEN@", ShellAssignments.quote(tokenFile().toString()))
                .replace("@LOG@", ShellAssignments.quote(log().toString()));
    }

    private static String template(String name) {
        try (InputStream in = WorkerFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the tool's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
