package org.lavasoftware.deploy.adapters.postgres;

/** A line of libpq's password file, which is how LAVA's processes get their database password. */
public final class PgPass {
    private PgPass() {
    }

    /**
     * The entry for the role on any database: LAVA connects to its own, a restore to the staging
     * copy beside it; what the role may open is PostgreSQL's to decide, not this file's.
     */
    public static String line(int port, String user, String password) {
        return "127.0.0.1:" + port + ":*:" + escape(user) + ":" + escape(password) + "\n";
    }

    /** The same entry, for any database, from an entry written for one database. */
    public static String widened(String line) {
        String[] f = line.strip().split("(?<!\\\\):", 5);
        return f.length == 5 ? f[0] + ":" + f[1] + ":*:" + f[3] + ":" + f[4] + "\n" : line;
    }

    /** The password of {@code user} in a password file's text; null when it has no entry for that role. */
    public static String password(String text, String user) {
        for (String line : text.split("\n")) {
            String[] f = line.strip().split("(?<!\\\\):", 5);
            if (f.length == 5 && unescape(f[3]).equals(user)) {
                return unescape(f[4]);
            }
        }
        return null;
    }

    private static String unescape(String field) {
        return field.replace("\\:", ":").replace("\\\\", "\\");
    }

    private static String escape(String field) {
        return field.replace("\\", "\\\\").replace(":", "\\:");
    }
}
