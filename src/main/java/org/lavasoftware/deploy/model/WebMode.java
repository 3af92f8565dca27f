package org.lavasoftware.deploy.model;

import java.util.Locale;
import org.lavasoftware.deploy.ToolException;

/**
 * How Apache serves an instance, as the classic tool's {@code LAVA_WEB_MODE} says: its own virtual
 * host ({@code vhost}, at the root of {@code LAVA_APACHE_VHOST}), or {@code location}: under
 * {@code /NAME/} on the machine's default site, so that several instances share one address.
 */
public enum WebMode {
    VHOST, LOCATION;

    /** The mode a user typed; anything else is bad input naming the two there are. */
    public static WebMode parse(String text) {
        for (WebMode mode : values()) {
            if (mode.value().equals(text == null ? "" : text.strip().toLowerCase(Locale.ROOT))) {
                return mode;
            }
        }
        throw ToolException.badInput("unknown web mode '" + text + "'; use vhost (the instance's own virtual host) "
                + "or location (under /NAME/ on the machine's default site)");
    }

    /** The instance's recorded mode; an empty or unknown value is the classic default, vhost. */
    public static WebMode of(InstanceConfig config) {
        return config.get(ConfigKey.LAVA_WEB_MODE).strip().equalsIgnoreCase("location") ? LOCATION : VHOST;
    }

    /** The word of instance.conf and of the command line. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value();
    }
}
