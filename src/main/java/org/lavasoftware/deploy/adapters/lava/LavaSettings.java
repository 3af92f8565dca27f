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
    private final Served served;
    private final boolean debug;
    private final int databasePort;
    private final String databaseName;
    private final String databaseUser;
    private final int eventPort;

    public LavaSettings(InstanceLayout layout, Served served, boolean debug, int databasePort,
                        String databaseName, String databaseUser, int eventPort) {
        this.layout = layout;
        this.served = served;
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
        if (!served.https()) {
            // Secure cookies are never sent back over plain HTTP: nobody could log in
            s.put("SESSION_COOKIE_SECURE", false);
            s.put("CSRF_COOKIE_SECURE", false);
        }
        if (served.mountPoint() != null) {
            mountPoint(s, served.mountPoint());
        }
        if (debug) {
            s.put("DEBUG", true);
        }
        return s;
    }

    /**
     * LAVA 2023.01 under a path prefix, as its documentation says ("Setting up a reverse proxy"):
     * MOUNT_POINT prefixes its URL patterns, and its settings derive SESSION_COOKIE_PATH from it
     * (any of "NAME", "/NAME", "/NAME/" gives "/NAME/"); the static files, the login page and where
     * a login lands are separate settings. The CSRF cookie's path is not derived: left at "/", two
     * instances on one host share one csrftoken, which Django renews at each login, so logging into
     * one instance makes the forms already open in the other fail (403, seen with two instances).
     */
    private static void mountPoint(Map<String, Object> s, String prefix) {
        s.put("MOUNT_POINT", prefix);
        s.put("STATIC_URL", prefix + "static/");
        s.put("LOGIN_URL", prefix + "accounts/login/");
        s.put("LOGIN_REDIRECT_URL", prefix);
        s.put("CSRF_COOKIE_PATH", prefix);
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
        env.put("ALLOWED_HOSTS", served.host());
        // a plain setting, not in the JSON (which LAVA applies last): a command can be given another
        // one (collectstatic into a new revision's directory, see LavaScripts.STATIC_OVERRIDE)
        env.put("LAVA_SETTINGS_STATIC_ROOT", layout.staticFiles().toString());
        env.put("LAVA_JSON_SETTINGS", Base64.getEncoder().encodeToString(
                Json.write(json(deviceTypesOfRelease)).getBytes(StandardCharsets.UTF_8)));
        return env;
    }
}
