package org.lavasoftware.deploy.engine.operations.web;

import org.lavasoftware.deploy.adapters.apache.LocationSite;
import org.lavasoftware.deploy.adapters.web.MachineName;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.WebMode;

/**
 * Where an instance's pages are: at the root of its virtual host, or at {@code http://HOST/NAME/}
 * on the machine's default site (HOST: the machine's name; any of its addresses works too).
 */
public final class WebAddress {
    /** How the tool asks the local Apache for the page: the URL, the Host it sends, HTTPS or not. */
    public record Probe(String url, String host, boolean https) {
    }

    private WebAddress() {
    }

    /** The URL users reach the instance at; null when it has no web part (no LAVA_APACHE_VHOST). */
    public static String url(InstanceConfig config) {
        return url(config, WebMode.of(config));
    }

    public static String url(InstanceConfig config, WebMode mode) {
        String host = config.get(ConfigKey.LAVA_APACHE_VHOST);
        if (host.isEmpty()) {
            return null;
        }
        if (mode == WebMode.LOCATION) {
            return "http://" + MachineName.get() + LocationSite.prefix(config.name().value());
        }
        return (config.isYes(ConfigKey.LAVA_HTTPS) ? "https://" : "http://") + host + "/";
    }

    /**
     * The request that shows whether the instance answers. In location mode it goes to 127.0.0.1,
     * which only the default site answers, whereas the machine's name may also be the virtual host
     * of an instance (the first one is given it by default).
     */
    public static Probe probe(InstanceConfig config, WebMode mode) {
        if (mode == WebMode.LOCATION) {
            return new Probe("http://127.0.0.1" + LocationSite.prefix(config.name().value()), "127.0.0.1", false);
        }
        return new Probe(url(config, mode), config.get(ConfigKey.LAVA_APACHE_VHOST), config.isYes(ConfigKey.LAVA_HTTPS));
    }
}
