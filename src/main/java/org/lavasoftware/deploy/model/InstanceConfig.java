package org.lavasoftware.deploy.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settings of one instance, as kept in its {@code instance.conf}. Keys and meanings are the
 * classic tool's ({@link ConfigKey}); keys this tool does not know are kept and written back.
 */
public final class InstanceConfig {
    public static final String DEFAULT_SOURCE = "debian:lava-server";

    private final InstanceName name;
    private final Map<String, String> values;

    public InstanceConfig(InstanceName name, Map<String, String> values) {
        this.name = name;
        this.values = new LinkedHashMap<>(values);
    }

    /** A fresh configuration for a new instance, at the current format version. */
    public static InstanceConfig fresh(InstanceName name, String prefix) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(ConfigKey.LAVA_CONFIG_VERSION.name(), Integer.toString(ConfigEvolutions.CURRENT_VERSION));
        v.put(ConfigKey.LAVA_PREFIX.name(), prefix);
        v.put(ConfigKey.LAVA_INSTANCE.name(), name.value());
        v.put(ConfigKey.LAVA_SERVER_BRANCH.name(), DEFAULT_SOURCE);
        v.put(ConfigKey.LAVA_BUILDOUT_CFG.name(), "");
        v.put(ConfigKey.LAVA_SYS_USER.name(), name.systemName());
        v.put(ConfigKey.LAVA_INSTANCE_OWNS_USER.name(), "yes");
        v.put(ConfigKey.LAVA_APACHE_VHOST.name(), name.value());
        v.put(ConfigKey.LAVA_WEB_MODE.name(), "vhost");
        v.put(ConfigKey.LAVA_HTTPS.name(), "no");
        v.put(ConfigKey.LAVA_DEV_MODE.name(), "no");
        v.put(ConfigKey.LAVA_DB_NAME.name(), name.systemName());
        v.put(ConfigKey.LAVA_DB_USER.name(), name.systemName());
        v.put(ConfigKey.LAVA_DB_PORT.name(), "");
        v.put(ConfigKey.LAVA_DB_PASSWORD.name(), "");
        v.put(ConfigKey.LAVA_SCHEDULER_ENABLED.name(), "yes");
        v.put(ConfigKey.LAVA_PUBLISHER_PORT.name(), "");
        v.put(ConfigKey.LAVA_EVENT_PORT.name(), "");
        v.put(ConfigKey.LAVA_SERVER_IP.name(), "");
        v.put(ConfigKey.LAVA_PROXY.name(), "");
        v.put(ConfigKey.LAVA_WEB_PORT.name(), "");
        v.put(ConfigKey.LAVA_WORKER_ENABLED.name(), "yes");
        v.put(ConfigKey.LAVA_WORKER_NAME.name(), "");
        return new InstanceConfig(name, v);
    }

    /** What the classic tool assumed of an instance that has no instance.conf at all. */
    public static InstanceConfig legacy(InstanceName name) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put(ConfigKey.LAVA_INSTANCE.name(), name.value());
        v.put(ConfigKey.LAVA_SYS_USER.name(), name.value());
        v.put(ConfigKey.LAVA_DB_USER.name(), name.value());
        v.put(ConfigKey.LAVA_DB_NAME.name(), name.value());
        return new InstanceConfig(name, v);
    }

    public InstanceName name() {
        return name;
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String get(ConfigKey key) {
        return values.getOrDefault(key.name(), "");
    }

    public InstanceConfig set(ConfigKey key, String value) {
        return set(key.name(), value);
    }

    public InstanceConfig set(String key, String value) {
        values.put(key, value);
        return this;
    }

    public boolean has(ConfigKey key) {
        return values.containsKey(key.name());
    }

    public Map<String, String> asMap() {
        return Collections.unmodifiableMap(values);
    }

    public int version() {
        String v = values.get(ConfigKey.LAVA_CONFIG_VERSION.name());
        if (v == null || v.isBlank()) {
            return 0;
        }
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw org.lavasoftware.deploy.ToolException.badInput("instance " + name
                    + ": LAVA_CONFIG_VERSION='" + v + "' is not a number; fix instance.conf");
        }
    }

    public String systemUser() {
        return get(ConfigKey.LAVA_SYS_USER);
    }

    public String databaseName() {
        return get(ConfigKey.LAVA_DB_NAME);
    }

    public String databaseUser() {
        return get(ConfigKey.LAVA_DB_USER);
    }

    public String webMode() {
        String mode = get(ConfigKey.LAVA_WEB_MODE);
        return mode.isEmpty() ? "unknown" : mode;
    }

    public String source() {
        return get(ConfigKey.LAVA_SERVER_BRANCH);
    }

    public boolean isYes(ConfigKey key) {
        return "yes".equalsIgnoreCase(get(key));
    }

    /** The file text: known keys in the classic order with their comments, then any others. */
    public String toFileText() {
        StringBuilder out = new StringBuilder();
        out.append("# instance.conf of LAVA instance ").append(name)
                .append(", written by lava-deployment-tool. It holds passwords: keep it 0600.\n");
        EnumSet<ConfigKey> known = EnumSet.allOf(ConfigKey.class);
        for (ConfigKey key : known) {
            if (!values.containsKey(key.name())) {
                continue;
            }
            if (key.comment() != null) {
                out.append("# ").append(key.comment()).append('\n');
            }
            out.append(ShellAssignments.assignment(key.name(), values.get(key.name()))).append('\n');
        }
        List<String> others = new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            if (known.stream().noneMatch(k -> k.name().equals(e.getKey()))) {
                others.add(ShellAssignments.assignment(e.getKey(), e.getValue()));
            }
        }
        if (!others.isEmpty()) {
            out.append("# Other settings\n");
            others.forEach(line -> out.append(line).append('\n'));
        }
        return out.toString();
    }
}
