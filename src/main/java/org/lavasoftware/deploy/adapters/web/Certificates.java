package org.lavasoftware.deploy.adapters.web;

import java.nio.file.Path;
import org.lavasoftware.deploy.adapters.exec.Command;

/** Self-signed certificates for instances served over HTTPS without a certificate of their own. */
public final class Certificates {
    private Certificates() {
    }

    /** A key without passphrase (Apache starts unattended) and a certificate for {@code host}. */
    public static Command selfSigned(String host, Path key, Path certificate) {
        return Command.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key.toString(),
                "-out", certificate.toString(), "-days", "825", "-subj", "/CN=" + host,
                "-addext", "subjectAltName=DNS:" + host).build();
    }
}
