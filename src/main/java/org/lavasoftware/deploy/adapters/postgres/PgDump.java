package org.lavasoftware.deploy.adapters.postgres;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;

/**
 * pg_dump and pg_restore of the cluster's own version, connecting as the instance's role with its
 * password file (never a password in an argument list).
 */
public final class PgDump {
    private static final Pattern DUMPED_BY = Pattern.compile("Dumped by pg_dump version: (\\d+)");
    private static final Pattern PUBLIC_SCHEMA = Pattern.compile("^\\d+; \\d+ \\d+ (SCHEMA|COMMENT) - (public|SCHEMA public)( .*)?$");

    private final ProcessRunner runner;
    private final PostgresCluster cluster;
    private final Path pgpass;
    private final String role;

    public PgDump(ProcessRunner runner, PostgresCluster cluster, Path pgpass, String role) {
        this.runner = runner;
        this.cluster = cluster;
        this.pgpass = pgpass;
        this.role = role;
    }

    private Command.Builder tool(String name) {
        return Command.of(cluster.binary(name), "-h", "127.0.0.1", "-p", Integer.toString(cluster.port()), "-U", role, "-w")
                .env("PGPASSFILE", pgpass.toString()).timeout(Duration.ofHours(6));
    }

    /**
     * pg_dump's directory format, one file per table, uncompressed ({@code --compress=0}): the
     * snapshot compresses the files itself with zstd, several times faster than pg_dump's gzip,
     * and {@code --jobs} dumps several tables at once, from one consistent snapshot of the database.
     * {@code --no-sync}: these files are read once and deleted; pg_dump flushing them to disk first
     * (its default) made every backup wait seconds for writes nobody keeps. The snapshot flushes
     * its compressed copies itself before its manifest says they are there.
     */
    public Command dumpCommand(String database, Path directory, int jobs) {
        return tool("pg_dump").args("--format=directory", "--jobs=" + Math.max(1, jobs), "--compress=0", "--no-sync",
                "--no-owner", "--file=" + directory, "--dbname=" + database).build();
    }

    /** Dumps {@code database} into {@code directory}, which pg_dump creates. */
    public void dump(String database, Path directory, int jobs) {
        runner.run(dumpCommand(database, directory, jobs));
    }

    /**
     * Checks that this pg_restore can read the dump and that no newer pg_dump made it, before
     * anything is changed; returns its table of contents.
     */
    public List<String> contents(Path dump) {
        ExecResult r = runner.runAllowingFailure(Command.of(cluster.binary("pg_restore"), "--list", dump.toString()).build());
        if (!r.succeeded()) {
            throw ToolException.failed("the database dump " + dump + " is not readable by pg_restore " + cluster.version()
                    + ": " + r.lastErrorLine() + "; it is damaged, or was made by a newer PostgreSQL");
        }
        Matcher m = DUMPED_BY.matcher(r.stdout());
        if (m.find() && Integer.parseInt(m.group(1)) > Integer.parseInt(cluster.version().split("\\.")[0])) {
            throw ToolException.failed("the database dump " + dump + " was made by pg_dump " + m.group(1)
                    + ", newer than this machine's PostgreSQL " + cluster.version() + "; restore it on that version");
        }
        return r.stdout().lines().toList();
    }

    /**
     * Restores the dump into {@code database} as the instance's role, objects owned by it. The
     * entries that recreate the {@code public} schema are left out: dumps of PostgreSQL before 15
     * (the classic tool's) carry them, and PostgreSQL 15 databases already have that schema.
     */
    public void restore(Path dump, String database, Path workDir, int jobs) {
        List<String> toc = new ArrayList<>();
        for (String line : contents(dump)) {
            if (!PUBLIC_SCHEMA.matcher(line).matches()) {
                toc.add(line);
            }
        }
        Path list = workDir.resolve("restore.list");
        try {
            Files.write(list, toc, StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot write " + list + ": " + e.getMessage(), e);
        }
        runner.run(tool("pg_restore").args("--no-owner", "--no-privileges", "--exit-on-error",
                "--jobs=" + Math.max(1, jobs), "--use-list=" + list, "--dbname=" + database, dump.toString())
                .env("PGOPTIONS", restoreSessionOptions(physicalMemory(), jobs))
                .build());
    }

    /**
     * Settings of pg_restore's own sessions. Building the indexes is half of a restore, and the
     * default 64 MB of maintenance_work_mem makes every large index an external sort on disk; a
     * share of the machine's memory per job sorts them in memory. Commits need not wait for the
     * disk: the database only becomes the instance's by a rename, whose commit flushes the log up
     * to it, and all of the restore's with it.
     */
    static String restoreSessionOptions(long physicalMemory, int jobs) {
        long perJob = physicalMemory <= 0 ? 64L << 20 : physicalMemory / 16 / Math.max(1, jobs);
        long megabytes = Math.max(64, Math.min(1024, perJob >> 20));
        return "-c maintenance_work_mem=" + megabytes + "MB -c synchronous_commit=off";
    }

    private static long physicalMemory() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean bean ? bean.getTotalMemorySize() : 0;
    }
}
