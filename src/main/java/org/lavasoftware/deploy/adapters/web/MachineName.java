package org.lavasoftware.deploy.adapters.web;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's name, as the classic tool used it: the default virtual host of the first
 * instance, and the host of the URLs of instances served at {@code /NAME/} on the default site.
 */
public final class MachineName {
    private MachineName() {
    }

    public static String get() {
        try {
            String name = Files.readString(Path.of("/etc/hostname")).strip();
            if (!name.isEmpty()) {
                return name;
            }
        } catch (IOException e) {
            // fall back to the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
