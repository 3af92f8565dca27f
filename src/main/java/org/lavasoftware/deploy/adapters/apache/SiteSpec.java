package org.lavasoftware.deploy.adapters.apache;

import java.nio.file.Path;

/**
 * What Apache needs to serve one instance: its host name, where its static files and docs are,
 * the gunicorn socket and the publisher's port, and the certificate when it serves HTTPS.
 */
public record SiteSpec(String instance, String host, Path staticDir, Path docsDir, Path socket, int publisherPort,
                       Path certificate, Path key) {

    public boolean https() {
        return certificate != null;
    }

    /** The Apache site's name: lava-NAME. */
    public String siteName() {
        return "lava-" + instance;
    }

    public String url() {
        return (https() ? "https://" : "http://") + host + "/";
    }
}
