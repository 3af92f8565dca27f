package org.lavasoftware.deploy.engine.operations.upgrade;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.ExecResult;
import org.lavasoftware.deploy.adapters.postgres.PostgresAdmin;
import org.lavasoftware.deploy.engine.operations.InstanceFiles;
import org.lavasoftware.deploy.engine.operations.Machine;

/**
 * Django's migrations as an upgrade sees them: what {@code migrate --plan} would run (and whether
 * each can be undone), and which migrations the database has applied.
 */
public final class Migrations {
    /** A planned migration and its operations; IRREVERSIBLE ones cannot be undone. */
    public record Planned(String migration, List<String> operations) {
        public boolean reversible() {
            return operations.stream().noneMatch(o -> o.endsWith("IRREVERSIBLE"));
        }

        /**
         * Whether the old code, still serving while the migration runs, would break on its result:
         * a table or column it reads is dropped or renamed. Adding tables, columns and indexes,
         * altering fields, and raw SQL or Python are taken as compatible: the upgrade keeps the
         * web serving through them (a failure is undone all the same).
         */
        public boolean breaksOldCode() {
            return operations.stream().anyMatch(o -> BREAKING.stream().anyMatch(o::startsWith));
        }

        public String app() {
            return migration.substring(0, migration.indexOf('.'));
        }

        @Override
        public String toString() {
            return migration + (reversible() ? "" : " (irreversible)");
        }
    }

    /** Django's descriptions of the operations that take away what the old code uses. */
    private static final List<String> BREAKING = List.of("Delete model ", "Rename model ", "Rename table for ",
            "Remove field ", "Rename field ");

    private Migrations() {
    }

    /** Parses Django's {@code migrate --plan} output. */
    public static List<Planned> parse(String output) {
        List<Planned> planned = new ArrayList<>();
        String current = null;
        List<String> operations = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (line.isBlank() || line.startsWith("Planned operations") || line.strip().startsWith("No planned migration")) {
                continue;
            }
            if (!line.startsWith(" ")) {
                if (current != null) {
                    planned.add(new Planned(current, List.copyOf(operations)));
                }
                current = line.strip();
                operations.clear();
            } else {
                operations.add(line.strip());
            }
        }
        if (current != null) {
            planned.add(new Planned(current, List.copyOf(operations)));
        }
        return planned;
    }

    /** What {@code migrate ARGS --plan} would do with the code of {@code revision}. */
    public static List<Planned> plan(Machine machine, InstanceFiles files, String revision, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("migrate"));
        argv.addAll(args);
        argv.add("--plan");
        ExecResult r = machine.runner().runAllowingFailure(files.withRevision(argv, revision).build());
        if (!r.succeeded()) {
            throw ToolException.failed("cannot tell the migrations of revision " + revision + ": " + r.lastErrorLine());
        }
        return parse(r.stdout());
    }

    /** Every migration the database has applied, as app.name, in the order they were applied. */
    public static Set<String> applied(Machine machine, String database) {
        Set<String> applied = new LinkedHashSet<>();
        for (List<String> row : PostgresAdmin.query(machine.postgres(), machine.postgresCredentials(), database,
                "SELECT app, name FROM django_migrations ORDER BY id")) {
            applied.add(row.get(0) + "." + row.get(1));
        }
        return applied;
    }

    /**
     * For each app with migrations applied after {@code before} was taken, the migration to go
     * back to (the app's last one in {@code before}, or zero).
     */
    public static Map<String, String> targetsToUndo(Set<String> before, Set<String> after) {
        Map<String, String> targets = new LinkedHashMap<>();
        for (String migration : after) {
            if (!before.contains(migration)) {
                String app = migration.substring(0, migration.indexOf('.'));
                targets.put(app, "zero");
            }
        }
        for (String migration : before) {
            String app = migration.substring(0, migration.indexOf('.'));
            if (targets.containsKey(app)) {
                targets.put(app, migration.substring(migration.indexOf('.') + 1));
            }
        }
        return targets;
    }
}
