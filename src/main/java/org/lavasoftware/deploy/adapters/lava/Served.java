package org.lavasoftware.deploy.adapters.lava;

/**
 * Where LAVA's pages are, as its settings must know: the host gunicorn receives (ALLOWED_HOSTS),
 * whether browsers come over HTTPS (secure cookies), and the path prefix LAVA answers under
 * (MOUNT_POINT: null at the root of a virtual host, {@code /NAME/} on the default site).
 */
public record Served(String host, boolean https, String mountPoint) {

    /** At the root of its own virtual host. */
    public static Served atRoot(String host, boolean https) {
        return new Served(host, https, null);
    }

    /** Under {@code prefix} (such as {@code /NAME/}) on the default site, over HTTP. */
    public static Served under(String prefix, String host) {
        if (!prefix.startsWith("/") || !prefix.endsWith("/")) {
            throw new IllegalArgumentException("a mount point starts and ends with '/': " + prefix);
        }
        return new Served(host, false, prefix);
    }
}
