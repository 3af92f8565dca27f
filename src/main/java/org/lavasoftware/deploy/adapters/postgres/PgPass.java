package org.lavasoftware.deploy.adapters.postgres;

/** A line of libpq's password file, which is how LAVA's processes get their database password. */
public final class PgPass {
    private PgPass() {
    }

    public static String line(int port, String database, String user, String password) {
        return "127.0.0.1:" + port + ":" + escape(database) + ":" + escape(user) + ":" + escape(password) + "\n";
    }

    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }
}
