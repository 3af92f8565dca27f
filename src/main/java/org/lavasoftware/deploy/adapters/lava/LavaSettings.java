package org.lavasoftware.deploy.adapters.lava;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.text.Json;

/**
 * LAVA 2023.01 takes its settings from the environment: the database URL, the secret key, and a
 * JSON object of settings that keeps every path of the instance inside its own directory (and
 * its event sockets apart from other instances'). This builds that environment.
 */
public final class LavaSettings {
    private final InstanceLayout layout;
    private final String host;
    private final boolean https;
    private final boolean debug;
    private final int databasePort;
    private final String databaseName;
    private final String databaseUser;
    private final int eventPort;

    public LavaSettings(InstanceLayout layout, String host, boolean https, boolean debug, int databasePort,
                        String databaseName, String databaseUser, int eventPort) {
        this.layout = layout;
        this.host = host;
        this.https = https;
        this.debug = debug;
        this.databasePort = databasePort;
        this.databaseName = databaseName;
        this.databaseUser = databaseUser;
        this.eventPort = eventPort;
    }

    public Path envFile() {
        return layout.etcLavaServer().resolve("lava.env");
    }

    public Path pgpassFile() {
        return layout.etcLavaServer().resolve("pgpass");
    }

    /** The settings LAVA reads from LAVA_JSON_SETTINGS, in a stable order. */
    public Map<String, Object> json(Path deviceTypesOfRelease) {
        Path dir = layout.dir();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("MEDIA_ROOT", layout.media().toString());
        s.put("DJANGO_LOGFILE", layout.logDir().resolve("django.log").toString());
        s.put("DEVICES_PATH", dir.resolve("etc/dispatcher-config/devices").toString());
        List<String> deviceTypes = new ArrayList<>(List.of(dir.resolve("etc/dispatcher-config/device-types").toString()));
        if (deviceTypesOfRelease != null) {
            deviceTypes.add(deviceTypesOfRelease.toString());
        }
        s.put("DEVICE_TYPES_PATHS", deviceTypes);
        s.put("HEALTH_CHECKS_PATH", dir.resolve("etc/dispatcher-config/health-checks").toString());
        s.put("DISPATCHER_CONFIG_PATH", dir.resolve("etc/dispatcher.d").toString());
        s.put("EVENT_NOTIFICATION", true);
        s.put("INTERNAL_EVENT_SOCKET", "ipc://" + layout.runDir().resolve("lava.events"));
        s.put("EVENT_SOCKET", "tcp://*:" + eventPort);
        if (!https) {
            // Secure cookies are never sent back over plain HTTP: nobody could log in
            s.put("SESSION_COOKIE_SECURE", false);
            s.put("CSRF_COOKIE_SECURE", false);
        }
        if (debug) {
            s.put("DEBUG", true);
        }
        return s;
    }

    /**
     * Every variable of the instance's processes, secret key included: written to a file only the
     * instance can read, never passed in an argument list.
     */
    public Map<String, String> environment(Path pythonRoot, Path deviceTypesOfRelease, String secretKey) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DJANGO_SETTINGS_MODULE", "lava_server.settings.prod");
        env.put("PYTHONPATH", layout.currentCode().resolve(pythonRoot).toString());
        env.put("DATABASE_URL", "postgres://" + databaseUser + "@127.0.0.1:" + databasePort + "/" + databaseName);
        env.put("PGPASSFILE", pgpassFile().toString());
        env.put("SECRET_KEY", secretKey);
        env.put("INSTANCE_NAME", layout.name().value());
        env.put("ALLOWED_HOSTS", host);
        // a plain setting, not in the JSON (which LAVA applies last): a command can be given another
        // one (collectstatic into a new revision's directory, see LavaScripts.STATIC_OVERRIDE)
        env.put("LAVA_SETTINGS_STATIC_ROOT", layout.staticFiles().toString());
        env.put("LAVA_JSON_SETTINGS", Base64.getEncoder().encodeToString(
                Json.write(json(deviceTypesOfRelease)).getBytes(StandardCharsets.UTF_8)));
        return env;
    }
}
