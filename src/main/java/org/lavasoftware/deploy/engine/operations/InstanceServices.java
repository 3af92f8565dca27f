package org.lavasoftware.deploy.engine.operations;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lavasoftware.deploy.adapters.lava.LavaScripts;
import org.lavasoftware.deploy.adapters.services.ServiceProgram;
import org.lavasoftware.deploy.engine.operations.build.RevisionBuild;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * The processes of an instance: gunicorn serving the web on a unix socket in run/ (for Apache)
 * and on a loopback port (for the local worker), and, unless disabled (or left out of the eggs of
 * code/current's build), lava-scheduler and lava-publisher on the instance's own ports, and the
 * local worker. Named lava-NAME-web, lava-NAME-scheduler, lava-NAME-publisher and
 * lava-NAME-worker, in a group lava-NAME.
 */
public final class InstanceServices {
    private InstanceServices() {
    }

    public static String group(InstanceLayout layout) {
        return layout.name().systemName();
    }

    public static String web(InstanceLayout layout) {
        return group(layout) + "-web";
    }

    /** The names every program of the instance may have, whether it has that program or not. */
    public static List<String> programNames(InstanceLayout layout) {
        return List.of(web(layout), group(layout) + "-scheduler", group(layout) + "-publisher", LocalWorker.program(layout));
    }

    public static List<ServiceProgram> programs(InstanceLayout layout, InstanceConfig config, String userGroup) {
        LavaScripts scripts = new LavaScripts(layout);
        String user = config.systemUser();
        String log = layout.logDir().toString();
        List<ServiceProgram> programs = new ArrayList<>();
        // gthread workers: eventlet's hang for 30 s when stopped while booting (seen with 2023.01)
        Optional<RevisionBuild> build = RevisionBuild.of(layout.currentCode());
        // a build's web runs gunicorn in the build's venv (code/current/bin/lava-wsgi), else Debian's gunicorn3
        String gunicorn = build.isPresent() ? layout.currentCode().resolve("bin/lava-wsgi").toString() : "/usr/bin/gunicorn3";
        List<String> web = new ArrayList<>(List.of(scripts.lavaEnv().toString(), gunicorn,
                "lava_server.wsgi", "--bind", "unix:" + layout.runDir().resolve("gunicorn.sock")));
        if (!config.get(ConfigKey.LAVA_WEB_PORT).isBlank()) {
            web.addAll(List.of("--bind", "127.0.0.1:" + config.get(ConfigKey.LAVA_WEB_PORT)));
        }
        web.addAll(List.of("--worker-class", "gthread", "--workers", "4", "--threads", "4", "--log-level", "INFO",
                "--log-file", log + "/gunicorn.log", "--pid", layout.runDir().resolve("gunicorn.pid").toString()));
        programs.add(new ServiceProgram(web(layout), web, user, layout.dir(), 35, layout.logDir().resolve("gunicorn.out")));
        // what the eggs select is what runs: a build without lava-scheduler has no scheduler
        if (config.isYes(ConfigKey.LAVA_SCHEDULER_ENABLED) && build.map(RevisionBuild::scheduler).orElse(true)) {
            programs.add(daemon(layout, scripts, config, "scheduler", userGroup, 30, List.of("--event-url",
                    "tcp://127.0.0.1:" + config.get(ConfigKey.LAVA_EVENT_PORT))));
        }
        programs.add(daemon(layout, scripts, config, "publisher", userGroup, 15, List.of("--host", "127.0.0.1",
                "--port", config.get(ConfigKey.LAVA_PUBLISHER_PORT))));
        LocalWorker worker = new LocalWorker(layout, config);
        if (worker.enabled()) {
            programs.add(worker.serviceProgram());
        }
        return programs;
    }

    /** LAVA's daemons switch to user lavaserver unless told otherwise, and exit if it is missing. */
    private static ServiceProgram daemon(InstanceLayout layout, LavaScripts scripts, InstanceConfig config, String what,
                                         String userGroup, int stopSeconds, List<String> extra) {
        List<String> argv = new ArrayList<>(scripts.manage(List.of("lava-" + what, "--level", "INFO", "--log-file",
                layout.logDir().resolve("lava-" + what + ".log").toString(), "--user", config.systemUser(),
                "--group", userGroup)));
        argv.addAll(extra);
        return new ServiceProgram(group(layout) + "-" + what, argv, config.systemUser(), layout.dir(), stopSeconds,
                layout.logDir().resolve("lava-" + what + ".out"));
    }
}
