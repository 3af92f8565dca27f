package org.lavasoftware.deploy.adapters.apache;

/**
 * The Apache configuration of an instance served as a virtual host: static files and LAVA's docs
 * served by Apache, the websocket proxied to lava-publisher, everything else to gunicorn's unix
 * socket. With HTTPS, port 80 only redirects.
 */
public final class ApacheSite {
    private ApacheSite() {
    }

    public static String render(SiteSpec s) {
        StringBuilder out = new StringBuilder();
        out.append("# written by lava-deployment-tool for instance ").append(s.instance())
                .append(s.https() ? " (HTTPS; HTTP redirects)" : " (HTTP)").append('\n');
        if (s.https()) {
            out.append("<VirtualHost *:80>\n")
                    .append("    ServerName ").append(s.host()).append('\n')
                    .append("    RewriteEngine On\n")
                    .append("    RewriteRule ^/?(.*)$ https://%{HTTP_HOST}/$1 [R=301,L]\n");
            logs(out, s);
            out.append("</VirtualHost>\n\n<VirtualHost *:443>\n")
                    .append("    ServerName ").append(s.host()).append('\n')
                    .append("    SSLEngine on\n")
                    .append("    SSLCertificateFile ").append(s.certificate()).append('\n')
                    .append("    SSLCertificateKeyFile ").append(s.key()).append('\n');
        } else {
            out.append("<VirtualHost *:80>\n")
                    .append("    ServerName ").append(s.host()).append('\n');
        }
        body(out, s);
        logs(out, s);
        out.append("</VirtualHost>\n");
        return out.toString();
    }

    private static void body(StringBuilder out, SiteSpec s) {
        out.append("    Alias /static/docs/ ").append(s.docsDir()).append("/\n")
                .append("    Alias /static/ ").append(s.staticDir()).append("/\n");
        // static is a link to the static-REV in use: grant its parent, where each revision's are
        directory(out, s.staticDir().getParent().toString(), "-Indexes +FollowSymLinks");
        directory(out, s.docsDir().toString(), "-Indexes +FollowSymLinks");
        out.append("    ProxyPreserveHost On\n")
                .append("    ProxyPass /static/ !\n")
                .append("    ProxyPass /ws/ ws://127.0.0.1:").append(s.publisherPort()).append("/ws/\n")
                .append("    ProxyPassReverse /ws/ ws://127.0.0.1:").append(s.publisherPort()).append("/ws/\n")
                // a fresh connection to gunicorn per request: a pooled one that gunicorn closed (an
                // idle keep-alive, a worker stopping in a graceful reload) would answer 502
                .append("    ProxyPass / unix:").append(s.socket()).append("|http://").append(s.host()).append("/ disablereuse=On\n")
                .append("    ProxyPassReverse / unix:").append(s.socket()).append("|http://").append(s.host()).append("/\n")
                .append("    RequestHeader set X-Forwarded-Proto \"").append(s.https() ? "https" : "http").append("\"\n");
    }

    private static void directory(StringBuilder out, String dir, String options) {
        out.append("    <Directory ").append(dir).append(">\n")
                .append("        Require all granted\n")
                .append("        Options ").append(options).append('\n')
                .append("        AllowOverride None\n")
                .append("    </Directory>\n");
    }

    private static void logs(StringBuilder out, SiteSpec s) {
        out.append("    ErrorLog ${APACHE_LOG_DIR}/").append(s.siteName()).append("-error.log\n")
                .append("    CustomLog ${APACHE_LOG_DIR}/").append(s.siteName()).append("-access.log combined\n");
    }
}
