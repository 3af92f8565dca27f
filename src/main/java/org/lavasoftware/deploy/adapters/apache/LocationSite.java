package org.lavasoftware.deploy.adapters.apache;

/**
 * The Apache configuration of an instance served under {@code /NAME/} on the machine's default
 * site ({@link DefaultSite} includes it). Found by real requests against LAVA 2023.01:
 * <ul>
 * <li>LAVA's urls.py puts {@code MOUNT_POINT} inside every URL pattern, so gunicorn must get the
 *     whole path, prefix included: {@code ProxyPass /NAME/ ...|http://HOST/NAME/}. Stripping the
 *     prefix (and telling Django through SCRIPT_NAME instead) answers 404 on every page when
 *     MOUNT_POINT is set, and with MOUNT_POINT unset it leaves the static URLs and the cookie paths
 *     at {@code /}, where two instances on one host overwrite each other's cookies. This is also
 *     the way LAVA's own documentation serves it under a prefix ("Setting up a reverse proxy").</li>
 * <li>Static files and docs are Apache's, under the instance's own prefix {@code /NAME/static/}
 *     (STATIC_URL), since {@code /static/} of the shared host cannot tell instances apart.</li>
 * <li>Apache sends gunicorn one fixed host, the machine's name (ProxyPreserveHost Off), so LAVA
 *     can keep a strict ALLOWED_HOSTS although the default site answers any name or address; its
 *     redirects are relative, and ProxyPassReverse maps any absolute one back to what the browser
 *     asked for.</li>
 * </ul>
 */
public final class LocationSite {
    private LocationSite() {
    }

    /** The path the instance is served at: {@code /NAME/}. */
    public static String prefix(String instance) {
        return "/" + instance + "/";
    }

    /** {@code backendHost}: the Host header gunicorn gets, which LAVA's ALLOWED_HOSTS names. */
    public static String render(SiteSpec s, String backendHost) {
        String p = prefix(s.instance());
        StringBuilder out = new StringBuilder();
        out.append("# written by lava-deployment-tool for instance ").append(s.instance())
                .append(": served at ").append(p).append(" on the machine's default site (location mode),\n")
                .append("# included by ").append(DefaultSite.file()).append(". LAVA answers the whole path, ")
                .append(p).append(" included (MOUNT_POINT).\n");
        out.append("RedirectMatch 301 ^/").append(s.instance()).append("$ ").append(p).append('\n')
                .append("Alias ").append(p).append("static/docs/ ").append(s.docsDir()).append("/\n")
                .append("Alias ").append(p).append("static/ ").append(s.staticDir()).append("/\n");
        // static is a link to the static-REV in use: grant its parent, where each revision's are
        directory(out, s.staticDir().getParent().toString(), "-Indexes +FollowSymLinks");
        directory(out, s.docsDir().toString(), "-Indexes +FollowSymLinks");
        out.append("ProxyPass ").append(p).append("static/ !\n")
                .append("ProxyPass ").append(p).append("ws/ ws://127.0.0.1:").append(s.publisherPort()).append("/ws/\n")
                .append("ProxyPassReverse ").append(p).append("ws/ ws://127.0.0.1:").append(s.publisherPort()).append("/ws/\n")
                .append("ProxyPass ").append(p).append(" unix:").append(s.socket()).append("|http://").append(backendHost)
                .append(p).append(" disablereuse=On\n") // a fresh connection per request, as ApacheSite says
                .append("ProxyPassReverse ").append(p).append(" http://").append(backendHost).append(p).append('\n')
                .append("<Location ").append(p).append(">\n")
                .append("    ProxyPreserveHost Off\n")
                .append("    RequestHeader set X-Forwarded-Proto \"http\"\n")
                .append("</Location>\n");
        return out.toString();
    }

    private static void directory(StringBuilder out, String dir, String options) {
        out.append("<Directory ").append(dir).append(">\n")
                .append("    Require all granted\n")
                .append("    Options ").append(options).append('\n')
                .append("    AllowOverride None\n")
                .append("</Directory>\n");
    }
}
