package org.lavasoftware.deploy.adapters.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.files.Filesystem;

/**
 * The password of the tool's own PostgreSQL role, which creates and drops the instances' roles
 * and databases over JDBC. Kept in a root-only 0600 file; the server only ever sees its SCRAM
 * verifier.
 */
public final class AdminCredentials {
    public static final String ROLE = "lava_deployment_tool";

    private final Path file;

    public AdminCredentials(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    public boolean exist() {
        return Files.isRegularFile(file);
    }

    /** The stored password, or a new one stored first (0600 root) when there is none. */
    public char[] passwordCreatingIfMissing() {
        if (!exist()) {
            Filesystem.directory(file.getParent(), "rwxr-xr-x", "root", "root");
            Filesystem.file(file, Secrets.newPassword() + "\n", "rw-------", "root", "root");
        }
        return password();
    }

    public char[] password() {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
        } catch (IOException e) {
            if (!exist()) {
                throw ToolException.unexpectedState("the tool's PostgreSQL credentials (" + file
                        + ") are missing; run setup");
            }
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Random secrets: database passwords, Django's SECRET_KEY. */
    public static final class Secrets {
        private static final SecureRandom RANDOM = new SecureRandom();

        private Secrets() {
        }

        /** 32 random bytes, URL-safe: no quote, space, $ or backslash to escape anywhere. */
        public static String newPassword() {
            return token(32);
        }

        public static String token(int bytes) {
            byte[] raw = new byte[bytes];
            RANDOM.nextBytes(raw);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        }
    }
}
