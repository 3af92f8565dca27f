package org.lavasoftware.deploy.adapters.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.postgresql.util.PasswordUtil;

/**
 * Roles and databases of the instances, over JDBC as the tool's own role (CREATEROLE, CREATEDB,
 * not a superuser). Identifiers are always quoted; values are bound, except in DDL that cannot
 * take parameters, where only a validated SCRAM verifier is ever written as a literal.
 */
public final class PostgresAdmin implements AutoCloseable {
    private static final Pattern VERIFIER = Pattern.compile("SCRAM-SHA-256\\$\\d+:[A-Za-z0-9+/=]+\\$[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+");

    private final Connection connection;

    private PostgresAdmin(Connection connection) {
        this.connection = connection;
    }

    /** Connects to the cluster's {@code postgres} database as the tool's role. */
    public static PostgresAdmin connect(PostgresCluster cluster, AdminCredentials credentials) {
        Properties props = new Properties();
        props.setProperty("user", AdminCredentials.ROLE);
        props.setProperty("password", new String(credentials.password()));
        props.setProperty("ApplicationName", "lava-deployment-tool");
        props.setProperty("connectTimeout", "10");
        try {
            return new PostgresAdmin(DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + cluster.port() + "/postgres", props));
        } catch (SQLException e) {
            throw ToolException.failed("cannot connect to PostgreSQL as " + AdminCredentials.ROLE + " on port "
                    + cluster.port() + ": " + e.getMessage() + "; is it running? (run setup)", e);
        }
    }

    /**
     * Creates or updates the tool's role, as the postgres superuser through psql (the one thing
     * that needs it), with the SQL on stdin so the verifier is not in any argument list.
     */
    public static void bootstrapAdminRole(ProcessRunner runner, AdminCredentials credentials) {
        String verifier = scramVerifier(credentials.passwordCreatingIfMissing());
        String role = quote(AdminCredentials.ROLE);
        String sql = "SELECT 'CREATE ROLE " + role + "' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '"
                + AdminCredentials.ROLE + "')\\gexec\n"
                + "ALTER ROLE " + role + " LOGIN CREATEROLE CREATEDB NOSUPERUSER PASSWORD '" + verifier + "';\n";
        runner.run(psqlAsPostgres(sql));
    }

    public static Command psqlAsPostgres(String sql) {
        return Command.of("psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres").as("postgres")
                .in(java.nio.file.Path.of("/"))
                .input(sql.getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
    }

    /** The SCRAM-SHA-256 verifier of a password, computed here: the cleartext never reaches the server. */
    public static String scramVerifier(char[] password) {
        String verifier = PasswordUtil.encodeScramSha256(password);
        if (!VERIFIER.matcher(verifier).matches()) {
            throw new IllegalStateException("unexpected verifier format");
        }
        return verifier;
    }

    /** A PostgreSQL identifier, double-quoted: names like lava-prod need it. */
    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public boolean roleExists(String role) {
        return exists("SELECT 1 FROM pg_roles WHERE rolname = ?", role);
    }

    public boolean databaseExists(String database) {
        return exists("SELECT 1 FROM pg_database WHERE datname = ?", database);
    }

    /** A login role with the given SCRAM verifier, which the tool's role may then act for. */
    public void createRole(String role, String verifier) {
        if (!VERIFIER.matcher(verifier).matches()) {
            throw new IllegalArgumentException("not a SCRAM verifier");
        }
        execute("CREATE ROLE " + quote(role) + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '" + verifier + "'");
        // membership lets the tool's role create, own-check and drop the role's database (PostgreSQL 15)
        execute("GRANT " + quote(role) + " TO " + quote(AdminCredentials.ROLE));
    }

    public void dropRole(String role) {
        execute("DROP ROLE IF EXISTS " + quote(role));
    }

    /** A UTF-8 database from template0, owned by {@code owner}. */
    public void createDatabase(String database, String owner) {
        execute("CREATE DATABASE " + quote(database) + " OWNER " + quote(owner)
                + " ENCODING 'UTF8' TEMPLATE template0");
    }

    /**
     * Drops the database, ending the sessions still connected to it: new ones are refused, the
     * users' are ended ({@link #terminateSessions}), and DROP DATABASE itself stops the autovacuum
     * workers. Not {@code WITH (FORCE)}: PostgreSQL 15 then refuses outright, naming no one, when
     * an autovacuum worker happens to be in the database, since the tool's role may not end it. A
     * database that cannot be dropped accepts connections again.
     */
    public void dropDatabase(String database) {
        if (!databaseExists(database)) {
            return;
        }
        execute("ALTER DATABASE " + quote(database) + " ALLOW_CONNECTIONS false");
        for (int attempt = 1; ; attempt++) {
            try {
                terminateSessions(database);
                // waits up to 5 s for the sessions to end, and stops autovacuum's
                execute("DROP DATABASE IF EXISTS " + quote(database));
                return;
            } catch (ToolException busy) {
                if (attempt == 3) {
                    execute("ALTER DATABASE " + quote(database) + " ALLOW_CONNECTIONS true");
                    throw busy;
                }
            }
        }
    }

    /** Creates a database like the instance's, owned by its role, to restore into beside the live one. */
    public void createEmptyLike(String database, String owner) {
        createDatabase(database, owner);
    }

    /**
     * Swaps the live database for another in two renames. New connections to the live one are
     * refused first and its sessions ended, as a rename needs; web requests in that moment fail
     * to connect, nothing else.
     */
    public void swap(String live, String replacement, String previous) {
        execute("ALTER DATABASE " + quote(live) + " ALLOW_CONNECTIONS false");
        try {
            for (int attempt = 0; ; attempt++) {
                terminateSessions(live);
                try {
                    execute("ALTER DATABASE " + quote(live) + " RENAME TO " + quote(previous));
                    break;
                } catch (ToolException busy) {
                    if (attempt >= 20) {
                        throw busy;
                    }
                }
            }
            execute("ALTER DATABASE " + quote(replacement) + " RENAME TO " + quote(live));
            execute("ALTER DATABASE " + quote(live) + " ALLOW_CONNECTIONS true");
        } catch (RuntimeException e) {
            if (!databaseExists(live) && databaseExists(previous)) {
                execute("ALTER DATABASE " + quote(previous) + " RENAME TO " + quote(live));
            }
            execute("ALTER DATABASE " + quote(live) + " ALLOW_CONNECTIONS true");
            throw e;
        }
    }

    /**
     * Undoes {@link #swap}, from wherever it got to, and again after that: the original database
     * (now {@code previous}, unless the swap had not renamed it yet) becomes the live one again,
     * accepting connections, and the restored one goes back to being {@code replacement}. A
     * recovery undoes a swap the process was killed in, at any point of it, or never started.
     */
    public void unswap(String live, String replacement, String previous) {
        switch (SwapState.of(databaseExists(live), databaseExists(replacement), databaseExists(previous))) {
            case SWAPPED -> {
                execute("ALTER DATABASE " + quote(live) + " ALLOW_CONNECTIONS false");
                terminateSessions(live);
                execute("ALTER DATABASE " + quote(live) + " RENAME TO " + quote(replacement));
                execute("ALTER DATABASE " + quote(previous) + " RENAME TO " + quote(live));
            }
            case LIVE_RENAMED -> execute("ALTER DATABASE " + quote(previous) + " RENAME TO " + quote(live));
            case NOT_SWAPPED -> {
                // the live database is the original, its connections perhaps refused by the swap
            }
            case NO_LIVE -> {
                return;
            }
        }
        execute("ALTER DATABASE " + quote(live) + " ALLOW_CONNECTIONS true");
    }

    /** Where a {@link #swap} got to, from the databases there are. */
    enum SwapState {
        /** Nothing renamed (the replacement still there): a previous one too is one left from before. */
        NOT_SWAPPED,
        /** The live database renamed to previous, the replacement not renamed to live yet. */
        LIVE_RENAMED,
        /** Both renamed: the replacement is live, the original previous. */
        SWAPPED,
        /** Neither live nor previous: nothing this tool can put back. */
        NO_LIVE;

        static SwapState of(boolean live, boolean replacement, boolean previous) {
            if (!previous || live && replacement) {
                return live ? NOT_SWAPPED : NO_LIVE;
            }
            return live ? SWAPPED : LIVE_RENAMED;
        }
    }

    /**
     * Ends every session on the database but this one. Autovacuum workers (the rows without a
     * user; their type is hidden from the tool's role) are left to PostgreSQL, which stops them
     * itself when the database is renamed or dropped, and which would not let the tool's role end
     * them. A superuser's session cannot be ended by the tool either: it is named in the error,
     * and nothing is ended then.
     */
    public void terminateSessions(String database) {
        List<String> superusers = new java.util.ArrayList<>();
        List<Integer> others = new java.util.ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT a.pid, a.usename, coalesce(a.application_name, ''), coalesce(r.rolsuper, false) FROM pg_stat_activity a"
                        + " LEFT JOIN pg_roles r ON r.oid = a.usesysid"
                        + " WHERE a.datname = ? AND a.pid <> pg_backend_pid() AND a.usesysid IS NOT NULL")) {
            s.setString(1, database);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    if (r.getBoolean(4)) {
                        superusers.add("pid " + r.getInt(1) + " of " + r.getString(2)
                                + (r.getString(3).isEmpty() ? "" : " (" + r.getString(3) + ")"));
                    } else {
                        others.add(r.getInt(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw failure("pg_stat_activity", e);
        }
        if (!superusers.isEmpty()) {
            throw ToolException.failed("a superuser session is connected to database " + database + " ("
                    + String.join(", ", superusers) + ") and only a superuser may end it; close it and run the command again");
        }
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_terminate_backend(?)")) {
            for (int pid : others) {
                s.setInt(1, pid);
                s.executeQuery().close();
            }
        } catch (SQLException e) {
            throw failure("pg_terminate_backend", e);
        }
    }

    /** The bytes the database takes on disk. */
    public long databaseSize(String database) {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_database_size(?)")) {
            s.setString(1, database);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw failure("pg_database_size", e);
        }
    }

    /** Runs statements in another database of the cluster, as the tool's role (a member of its owner). */
    public static void runIn(PostgresCluster cluster, AdminCredentials credentials, String database, List<String> statements) {
        Properties props = new Properties();
        props.setProperty("user", AdminCredentials.ROLE);
        props.setProperty("password", new String(credentials.password()));
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + cluster.port() + "/"
                + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8), props);
             Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        } catch (SQLException e) {
            throw ToolException.failed("PostgreSQL refused a statement in " + database + ": " + e.getMessage(), e);
        }
    }

    /** Rows of a query in another database of the cluster, as text. */
    public static List<List<String>> query(PostgresCluster cluster, AdminCredentials credentials, String database, String sql) {
        Properties props = new Properties();
        props.setProperty("user", AdminCredentials.ROLE);
        props.setProperty("password", new String(credentials.password()));
        List<List<String>> rows = new java.util.ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + cluster.port() + "/"
                + java.net.URLEncoder.encode(database, java.nio.charset.StandardCharsets.UTF_8), props);
             Statement s = c.createStatement(); ResultSet r = s.executeQuery(sql)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                List<String> row = new java.util.ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    row.add(r.getString(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw ToolException.failed("PostgreSQL refused a query in " + database + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /**
     * A copy of the database as it is now (CREATE DATABASE ... TEMPLATE): its sessions must end for
     * the copy's duration, which is why an upgrade takes one only when a migration cannot be undone.
     */
    public void copy(String database, String copy, String owner) {
        dropDatabase(copy);
        execute("ALTER DATABASE " + quote(database) + " ALLOW_CONNECTIONS false");
        try {
            terminateSessions(database);
            execute("CREATE DATABASE " + quote(copy) + " OWNER " + quote(owner) + " TEMPLATE " + quote(database));
        } finally {
            execute("ALTER DATABASE " + quote(database) + " ALLOW_CONNECTIONS true");
        }
    }

    public String serverVersion() {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("SHOW server_version")) {
            r.next();
            return r.getString(1);
        } catch (SQLException e) {
            throw failure("SHOW server_version", e);
        }
    }

    private boolean exists(String query, String value) {
        try (PreparedStatement s = connection.prepareStatement(query)) {
            s.setString(1, value);
            try (ResultSet r = s.executeQuery()) {
                return r.next();
            }
        } catch (SQLException e) {
            throw failure(query, e);
        }
    }

    private void execute(String sql) {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw failure(sql.replaceAll("PASSWORD '[^']*'", "PASSWORD '***'"), e);
        }
    }

    private static ToolException failure(String sql, SQLException e) {
        return ToolException.failed("PostgreSQL refused " + sql + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // the session ends with the connection either way
        }
    }
}
