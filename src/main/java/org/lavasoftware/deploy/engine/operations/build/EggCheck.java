package org.lavasoftware.deploy.engine.operations.build;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavasoftware.deploy.ToolException;

/**
 * Finds each egg of a build in what the revision's environment holds and checks its pin. LAVA's
 * own components (lava-server, lava-scheduler ...) are packages of the LAVA tree, found when the
 * tree has them, at LAVA's version. The first egg missing or off its pin is refused in one line
 * naming it, where it was asked for, and what to do.
 */
public final class EggCheck {
    /** The classic eggs that LAVA 2023.01 ships as packages of its tree (server and worker), with the package of each. */
    static final Map<String, String> COMPONENTS = Map.of(
            "lava-server", "lava_server",
            "lava-common", "lava_common",
            "lava-scheduler", "lava_scheduler_app",
            "lava-scheduler-app", "lava_scheduler_app",
            "lava-results", "lava_results_app",
            "lava-dashboard", "lava_results_app",
            "lava-rest", "lava_rest_app",
            "linaro-django-xmlrpc", "linaro_django_xmlrpc",
            "lava-dispatcher", "lava_dispatcher",
            "lava-dispatcher-host", "lava_dispatcher_host");

    /** An egg found: its version, where, and the Django applications it brings (none for LAVA's own). */
    public record Found(String name, String version, String where, List<String> apps) {
    }

    private EggCheck() {
    }

    /** The modules the probe must look for: LAVA's component packages. */
    public static List<String> componentModules() {
        return COMPONENTS.values().stream().distinct().sorted().toList();
    }

    public static List<Found> check(BuildDescription build, Installed installed, String cacheHint) {
        List<Found> found = new ArrayList<>();
        for (BuildDescription.Egg egg : build.eggs()) {
            String key = egg.requirement().key();
            Optional<Found> f = find(key, egg.name(), installed);
            if (f.isEmpty()) {
                throw ToolException.failed("egg " + egg.name() + " (eggs, " + egg.origin() + ") is not installed: not in "
                        + "the system's site-packages, LAVA's tree, the develop checkouts or the download cache "
                        + cacheHint + "; install it, or take it out of eggs");
            }
            BuildDescription.Pin pin = build.pins().get(key);
            if (pin != null && !VersionMatch.matches(pin.version(), f.get().version())) {
                throw ToolException.failed("egg " + egg.name() + " is pinned to " + pin.version() + " ([versions], "
                        + pin.origin() + ") but " + f.get().version() + " is installed (" + f.get().where()
                        + "); change the pin or install that version");
            }
            found.add(f.get());
        }
        return found;
    }

    private static Optional<Found> find(String key, String name, Installed installed) {
        Installed.Dist dist = installed.dists().get(key);
        String component = COMPONENTS.get(key);
        if (component != null && installed.modules().contains(component)) {
            Installed.Dist lava = installed.dists().get("lava-server");
            String version = dist != null ? dist.version() : lava != null ? lava.version()
                    : installed.lavaVersion() != null ? installed.lavaVersion() : "unknown";
            return Optional.of(new Found(name, version, "LAVA's tree", List.of()));
        }
        if (dist == null) {
            return Optional.empty();
        }
        return Optional.of(new Found(name, dist.version(), dist.location(), installed.apps().getOrDefault(key, List.of())));
    }
}
