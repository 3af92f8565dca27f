package org.lavasoftware.deploy.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.lavasoftware.deploy.ToolException;

/**
 * Brings an {@code instance.conf} written by an older tool (the classic bash tool wrote versions
 * 0 to 4) up to the current format, one version at a time, in order.
 */
public final class ConfigEvolutions {
    public static final int CURRENT_VERSION = 6;

    private record Evolution(int from, String summary, Consumer<InstanceConfig> change) {
    }

    private static final List<Evolution> EVOLUTIONS = List.of(
            new Evolution(0, "version 0 to 1: no change of keys", c -> { }),
            new Evolution(1, "version 1 to 2: the instance owns its system user",
                    c -> c.set(ConfigKey.LAVA_INSTANCE_OWNS_USER, "yes")),
            new Evolution(2, "version 2 to 3: no change of keys (RabbitMQ is no longer needed)", c -> { }),
            new Evolution(3, "version 3 to 4: LAVA_DB_PORT added (empty: the default port)",
                    c -> setIfMissing(c, ConfigKey.LAVA_DB_PORT, "")),
            new Evolution(4, "version 4 to 5: code source, web mode, HTTPS and service keys added",
                    ConfigEvolutions::toVersion5),
            new Evolution(5, "version 5 to 6: the local worker's keys added (none was deployed: LAVA_WORKER_ENABLED='no')",
                    ConfigEvolutions::toVersion6));

    private ConfigEvolutions() {
    }

    /** Evolves the configuration in place; returns what each evolution did, for the user. */
    public static List<String> evolve(InstanceConfig config) {
        int version = config.version();
        if (version > CURRENT_VERSION) {
            throw ToolException.badInput("instance " + config.name() + " has instance.conf version "
                    + version + ", newer than this tool knows (" + CURRENT_VERSION
                    + "); upgrade lava-deployment-tool");
        }
        List<String> applied = new ArrayList<>();
        for (Evolution evolution : EVOLUTIONS) {
            if (evolution.from() == version) {
                evolution.change().accept(config);
                version++;
                config.set(ConfigKey.LAVA_CONFIG_VERSION, Integer.toString(version));
                applied.add(evolution.summary());
            }
        }
        return applied;
    }

    private static void toVersion5(InstanceConfig c) {
        String name = c.name().value();
        String manifestBranch = c.get("LAVA_MANIFEST_BRANCH").orElse("");
        setIfMissing(c, ConfigKey.LAVA_SERVER_BRANCH,
                manifestBranch.isEmpty() ? InstanceConfig.DEFAULT_SOURCE : manifestBranch);
        setIfMissing(c, ConfigKey.LAVA_BUILDOUT_CFG, "");
        setIfMissing(c, ConfigKey.LAVA_INSTANCE, name);
        setIfMissing(c, ConfigKey.LAVA_APACHE_VHOST, name);
        setIfMissing(c, ConfigKey.LAVA_WEB_MODE, "vhost");
        setIfMissing(c, ConfigKey.LAVA_HTTPS, "no");
        setIfMissing(c, ConfigKey.LAVA_DEV_MODE, "no");
        setIfMissing(c, ConfigKey.LAVA_DB_PASSWORD, "");
        if (c.get(ConfigKey.LAVA_SCHEDULER_ENABLED).isEmpty()) {
            c.set(ConfigKey.LAVA_SCHEDULER_ENABLED, "yes");
        }
        setIfMissing(c, ConfigKey.LAVA_PUBLISHER_PORT, "");
        setIfMissing(c, ConfigKey.LAVA_EVENT_PORT, "");
    }

    private static void toVersion6(InstanceConfig c) {
        setIfMissing(c, ConfigKey.LAVA_WEB_PORT, "");
        setIfMissing(c, ConfigKey.LAVA_WORKER_ENABLED, "no");
        setIfMissing(c, ConfigKey.LAVA_WORKER_NAME, "");
    }

    private static void setIfMissing(InstanceConfig c, ConfigKey key, String value) {
        if (!c.has(key)) {
            c.set(key, value);
        }
    }
}
