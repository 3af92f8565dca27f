package org.lavasoftware.deploy.engine.operations.upgrade;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.postgres.PostgresAdmin;
import org.lavasoftware.deploy.adapters.sources.CodeSource;
import org.lavasoftware.deploy.adapters.sources.CodeSources;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.PlanFacts;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.InstanceFiles;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.Revisions;
import org.lavasoftware.deploy.engine.operations.SetupState;
import org.lavasoftware.deploy.engine.operations.backup.BackupOperation;
import org.lavasoftware.deploy.engine.operations.build.BuildSteps;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * {@code upgrade NAME [REVNO]}: the new revision is fetched and its static files collected beside
 * the running one, a snapshot is taken, then the scheduler stops, the new code migrates the
 * database while the old code still serves, code/current switches with a graceful reload of the
 * web workers (and a restart of the local worker), the static files switch, and the page is checked
 * through Apache; when the instance has a QEMU device on its local worker, the smoke job must then
 * pass on the new revision.
 * Any failure up to that check puts the instance back on its revision with its database as it was:
 * by undoing the migrations when all can be undone, else from a copy of the database taken just
 * before them.
 */
public final class UpgradeOperation implements Operation {
    public static final String KIND = "upgrade";
    private final UpgradeSettings settings;

    public UpgradeOperation(UpgradeSettings settings) {
        this.settings = settings;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public InstanceName instance() {
        return settings.name();
    }

    @Override
    public Map<String, String> parameters() {
        return settings.parameters();
    }

    @Override
    public void check(OperationContext context) {
        SetupState.require(context.root());
        new UpgradeChecks(context).requireUpgradable();
    }

    @Override
    public Plan plan(OperationContext context) {
        return plan(context, List.of());
    }

    /**
     * The plan, with {@code afterSwitch} run right after code/current switches (and undone right
     * before it switches back): what another operation built on this one changes with the code.
     */
    public Plan plan(OperationContext context, List<Step> afterSwitch) {
        InstanceLayout layout = context.layout();
        Machine machine = Machine.of(context);
        PlanFacts facts = context.facts();
        var loaded = InstanceConfigStore.load(layout);
        InstanceConfig config = loaded.config();
        InstanceFiles files = new InstanceFiles(layout, config, machine);
        Revisions revisions = new Revisions(layout);
        // what the upgrade itself changes is read through the journal's facts: a recovery rebuilds this plan
        // after code/current, code/previous, static and instance.conf moved, and must undo to where they were
        String from = facts.text("from", () -> revisions.current().orElse("none"));
        String previous = facts.text("previous", () -> revisions.previous().orElse(null));
        String staticFrom = facts.text("static-from", () -> revisions.staticInUse().orElse(from));
        String to = settings.revision();
        String database = config.databaseName();
        String copy = database + "-pre-upgrade";
        CodeSource source = CodeSources.of(settings.source(), context.root().cacheDir(), machine.runner());
        RevisionSwitch web = new RevisionSwitch(layout, config, files, machine, facts);
        Path stateDir = context.root().stateDir();
        MigrationState migrations = new MigrationState(stateDir.resolve("upgrade-" + settings.name() + ".migrations"));
        ConfigSidecar keptConfig = new ConfigSidecar(layout.configFile(), stateDir.resolve("upgrade-" + settings.name()
                + ".instance.conf"));

        Plan.Builder plan = new Plan.Builder("upgrade of " + settings.name() + " from " + from + " to " + to);
        boolean newSource = !settings.source().equals(config.get(ConfigKey.LAVA_SERVER_BRANCH));
        String buildoutCfg = settings.buildoutCfg() != null ? settings.buildoutCfg() : config.get(ConfigKey.LAVA_BUILDOUT_CFG);
        boolean newBuildout = !buildoutCfg.equals(config.get(ConfigKey.LAVA_BUILDOUT_CFG));
        if (facts.flag("config-update", () -> loaded.needsSaving() || newSource || newBuildout)) {
            List<String> changes = new ArrayList<>(loaded.evolutions());
            if (newSource) {
                changes.add("LAVA_SERVER_BRANCH := " + settings.source());
            }
            if (newBuildout) {
                changes.add("LAVA_BUILDOUT_CFG := " + buildoutCfg);
            }
            plan.add(Step.named("bring instance.conf up to date")
                    .shows(changes.isEmpty() ? "LAVA_SERVER_BRANCH := " + settings.source() : String.join("; ", changes))
                    .shows("the instance.conf it replaces kept (0600) in " + stateDir + " until the upgrade is done")
                    .does(() -> {
                        keptConfig.keep();
                        InstanceConfigStore.save(layout, config.set(ConfigKey.LAVA_SERVER_BRANCH, settings.source())
                                .set(ConfigKey.LAVA_BUILDOUT_CFG, buildoutCfg));
                    })
                    .undoes("put the previous instance.conf back", keptConfig::restore)
                    .build());
        }
        if (facts.flag("static-is-directory", () -> Files.isDirectory(layout.staticFiles())
                && !Files.isSymbolicLink(layout.staticFiles()))) {
            plan.add(Step.named("move the static files to one directory per revision")
                    .shows(layout.staticFiles() + " -> static-" + from + ", and a link to it")
                    .does(() -> {
                        Files.move(layout.staticFiles(), revisions.staticOf(from));
                        revisions.useStatic(from);
                    })
                    .undoes("put the static files back in one directory", () -> {
                        // killed between the move and the link, there is no link yet: the directory moves back all the same
                        if (Files.isSymbolicLink(layout.staticFiles())) {
                            Files.delete(layout.staticFiles());
                        }
                        if (!Files.exists(layout.staticFiles(), java.nio.file.LinkOption.NOFOLLOW_LINKS)
                                && Files.isDirectory(revisions.staticOf(from))) {
                            Files.move(revisions.staticOf(from), layout.staticFiles());
                        }
                    })
                    .build());
        }
        if (settings.fetch()) {
            plan.add(Step.named("fetch revision " + to + " from " + facts.text("source", source::describe))
                    .shows("into " + revisions.tree(to) + ", beside " + from + " which keeps serving")
                    .does(() -> {
                        source.fetch(source.resolve(settings.sourceRevision()), revisions.tree(to));
                        Files.setLastModifiedTime(revisions.tree(to), java.nio.file.attribute.FileTime.from(java.time.Instant.now()));
                    })
                    .undoes("remove revision " + to, () -> revisions.removeFetched(to))
                    .build());
        }
        boolean built = new BuildSteps(layout, machine, from, to, buildoutCfg, settings.fetch()).addTo(plan, facts);
        if (settings.backup()) {
            plan.addAll(BackupOperation.stepsBefore("the upgrade", settings.name(), context));
        }
        plan.add(Step.named("collect the static files of " + to)
                .shows("collectstatic with revision " + to + " into " + revisions.staticOf(to) + " (the live ones are untouched)")
                .does(() -> files.collectStatic(to, machine))
                .undoes("remove the static files of " + to, () -> {
                    if (!revisions.staticInUse().map(to::equals).orElse(false)) {
                        Filesystem.deleteTree(revisions.staticOf(to));
                    }
                })
                .build());
        plan.add(Step.named("check the migrations of " + to)
                .shows(migrationPreview(context, files, revisions, source, to))
                .does(() -> {
                    migrations.record(Migrations.plan(machine, files, to, List.of()), Migrations.applied(machine, database));
                    context.reporter().info(migrations.describe());
                })
                .undoes("forget the migration check", migrations::forgetUnlessApplying)
                .build());
        plan.add(Step.named("copy the database if a migration cannot be undone")
                .shows("CREATE DATABASE \"" + copy + "\" TEMPLATE \"" + database + "\": only then, as it closes the "
                        + "database's sessions for the copy's duration")
                .does(() -> {
                    if (migrations.needsCopy()) {
                        try (PostgresAdmin admin = machine.postgresAdmin()) {
                            admin.copy(database, copy, config.databaseUser());
                        }
                    }
                })
                .undoes("drop the copy of the database", () -> {
                    // killed while copying, the database may still refuse new connections
                    allowConnections(machine, database);
                    // the undo of the migrations needs the copy until it has put it in place
                    if (!migrations.applying()) {
                        dropQuietly(machine, copy);
                    }
                })
                .build());
        plan.add(Step.named("stop the scheduler")
                .shows("the scheduler writes to the database: it stops while code and database change")
                .does(web::stopScheduler)
                .undoes("start the scheduler again", web::startSchedulerIfItRan)
                .build());
        plan.add(Step.named("stop the web if a migration takes away what the old code uses")
                .shows("only for migrations that drop or rename a table or column (named by the check above and by "
                        + "--dry-run): the old code would fail on them, so the web stops for as long as they run")
                .does(() -> {
                    if (migrations.breaksOldCode()) {
                        web.stopWebForMigrations();
                    }
                })
                .undoes("start the web again", web::startWebIfStopped)
                .build());
        plan.add(Step.named("apply the migrations of " + to)
                .shows("[as " + config.systemUser() + "] lava-server manage migrate --noinput with the code of " + to
                        + " (the new code migrates while the old one still serves)")
                .does(() -> {
                    migrations.markApplying();
                    machine.runner().run(files.withRevision(List.of("migrate", "--noinput"), to).build());
                })
                .undoes("put the database back as it was", () -> migrations.undo(machine, files, to, database, copy))
                .build());
        plan.add(Step.named("switch code/current to " + to)
                .shows(layout.currentCode() + " -> " + to + " (one rename); " + web.describeSwitch(from, to, built))
                .does(() -> web.switchCode(revisions, to))
                .undoes("switch code/current back to " + from, () -> web.switchBack(revisions, from, previous, to))
                .build());
        plan.addAll(afterSwitch);
        plan.add(Step.named("switch the static files to " + to)
                .shows(layout.staticFiles() + " -> static-" + to + " (one rename: never a moment without them)")
                .does(() -> revisions.useStatic(to))
                .undoes("switch the static files back to " + staticFrom, () -> {
                    if (Files.isDirectory(revisions.staticOf(staticFrom))) {
                        revisions.useStatic(staticFrom);
                    }
                })
                .build());
        plan.add(Step.named("start the scheduler and the publisher on " + to)
                .shows("start the scheduler; restart lava-publisher (it runs the code it started with); start the web "
                        + "if the migrations stopped it")
                .does(() -> {
                    web.startWebIfStopped();
                    web.startSchedulerIfItRan();
                    web.restartPublisher();
                })
                // the steps undone after this one change the database: without the scheduler, as they were done
                .undoes("stop the scheduler again", web::stopSchedulerAgain)
                .build());
        Step.Builder healthy = Step.named("check " + to + " through Apache")
                .shows("the instance's page must answer 200; otherwise everything above is undone")
                .does(() -> web.requireHealthy(to));
        if (settings.jobCheck()) {
            plan.add(healthy.build());
            plan.add(new JobCheckStep(layout, config, machine, context.reporter()).step(to));
        } else {
            plan.add(healthy.pointOfNoReturn().build());
        }
        plan.add(Step.named("keep the " + settings.keep() + " newest revisions")
                .shows("remove older revisions (never the current or the previous one) and their static files; "
                        + "drop the database copy; forget the instance.conf kept for the way back")
                .does(() -> {
                    for (String old : revisions.prunable(settings.keep())) {
                        revisions.remove(old);
                    }
                    dropQuietly(machine, copy);
                    migrations.forget();
                    keptConfig.forget();
                })
                .build());
        return plan.build();
    }

    /** The migrations the new revision brings, for the plan; with --dry-run the code is looked at in a scratch copy. */
    private List<String> migrationPreview(OperationContext context, InstanceFiles files, Revisions revisions,
                                          CodeSource source, String to) {
        List<String> lines = new ArrayList<>();
        if (!context.dryRun()) {
            lines.add("migrate --plan with revision " + to + "; which of them can be undone");
            return lines;
        }
        Machine machine = Machine.of(context);
        Path tree = revisions.tree(to);
        boolean scratch = !Files.isDirectory(tree);
        try {
            if (scratch) {
                source.fetch(source.resolve(settings.sourceRevision()), tree);
            }
            List<Migrations.Planned> planned = Migrations.plan(machine, files, to, List.of());
            lines.add(planned.isEmpty() ? "no migrations to apply" : planned.size() + " migrations to apply:");
            planned.forEach(m -> lines.add("  " + m + (m.reversible() ? ", reversible" : "")
                    + (m.breaksOldCode() ? ", takes away what the old code uses" : "")));
            if (planned.stream().allMatch(Migrations.Planned::reversible)) {
                lines.add("all reversible: a failure undoes them");
            } else {
                lines.add("not all reversible: the database is copied first, which closes its sessions for the copy");
            }
            lines.add(planned.stream().anyMatch(Migrations.Planned::breaksOldCode)
                    ? "the web stops while they run (a table or column the old code uses goes), and starts on " + to
                    : "additive: the web keeps serving the old code while they run");
        } finally {
            if (scratch) {
                Filesystem.deleteTree(tree);
            }
        }
        return lines;
    }

    private static void dropQuietly(Machine machine, String database) {
        try (PostgresAdmin admin = machine.postgresAdmin()) {
            admin.dropDatabase(database);
        }
    }

    /** ALLOW_CONNECTIONS true again, for a database a copy killed half-way left closed; nothing when it is gone. */
    private static void allowConnections(Machine machine, String database) {
        try (PostgresAdmin admin = machine.postgresAdmin()) {
            if (!admin.databaseExists(database)) {
                return;
            }
        }
        PostgresAdmin.runIn(machine.postgres(), machine.postgresCredentials(), "postgres",
                List.of("ALTER DATABASE " + PostgresAdmin.quote(database) + " ALLOW_CONNECTIONS true"));
    }

    /**
     * What the migration check learnt, for the steps after it: kept in a file, because the undo of
     * the migrations must know what was applied before even in a recovery after a crash. A second
     * file marks the migrations as (maybe) applied and not undone yet: while it is there, neither
     * this record nor the database's copy may go, whatever else is undone (a recovery whose undo of
     * the migrations failed is run again, and needs both).
     */
    static final class MigrationState {
        private final Path file;
        private final Path applying;
        private boolean copy;
        private boolean breaking;
        private int count;
        private Set<String> before;

        MigrationState(Path file) {
            this.file = file;
            this.applying = file.resolveSibling(file.getFileName() + ".applying");
        }

        void record(List<Migrations.Planned> planned, Set<String> applied) {
            copy = planned.stream().anyMatch(m -> !m.reversible());
            breaking = planned.stream().anyMatch(Migrations.Planned::breaksOldCode);
            count = planned.size();
            before = applied;
            List<String> lines = new ArrayList<>(List.of("copy=" + copy, "count=" + count, "breaking=" + breaking));
            lines.addAll(applied);
            org.lavasoftware.deploy.io.AtomicFile.write(file, String.join("\n", lines) + "\n", "rw-------");
            try {
                Files.deleteIfExists(applying); // left by an upgrade whose journal was removed by hand
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot remove " + applying + ": " + e.getMessage(), e);
            }
        }

        private void load() {
            if (before != null) {
                return;
            }
            try {
                List<String> lines = Files.readAllLines(file);
                copy = Boolean.parseBoolean(lines.get(0).substring("copy=".length()));
                count = Integer.parseInt(lines.get(1).substring("count=".length()));
                breaking = Boolean.parseBoolean(lines.get(2).substring("breaking=".length()));
                before = new java.util.LinkedHashSet<>(lines.subList(3, lines.size()));
            } catch (java.io.IOException | RuntimeException e) {
                throw org.lavasoftware.deploy.ToolException.unexpectedState("the migrations applied before the upgrade were "
                        + "not recorded (" + file + "): restore the database from the snapshot taken before it");
            }
        }

        /** Written before the migrations run: from then on their undo has something to do. */
        void markApplying() {
            load(); // refuses before anything is applied when the record is missing
            org.lavasoftware.deploy.io.AtomicFile.write(applying, "", "rw-------");
        }

        boolean applying() {
            return Files.exists(applying);
        }

        void forget() throws java.io.IOException {
            Files.deleteIfExists(applying);
            Files.deleteIfExists(file);
        }

        /** The undo of the check: the record goes, unless the migrations' undo still needs it. */
        void forgetUnlessApplying() throws java.io.IOException {
            if (!applying()) {
                Files.deleteIfExists(file);
            }
        }

        boolean needsCopy() {
            load();
            return copy;
        }

        boolean breaksOldCode() {
            load();
            return breaking;
        }

        String describe() {
            load();
            return count == 0 ? "no migrations to apply" : count + " migration" + (count == 1 ? "" : "s") + " to apply"
                    + (copy ? ", not all reversible: the database is copied first" : ", all reversible")
                    + (breaking ? "; some take away what the old code uses: the web stops while they run" : "");
        }

        /**
         * Undoes what the upgrade applied: by reversing its migrations, or from the copy. Nothing when
         * they never started, or were undone already; an undo killed half-way is taken up where it was.
         */
        void undo(Machine machine, InstanceFiles files, String revision, String database, String copyName)
                throws java.io.IOException {
            if (!applying()) {
                return;
            }
            load();
            if (copy) {
                String failed = database + "-failed-upgrade";
                try (PostgresAdmin admin = machine.postgresAdmin()) {
                    if (admin.databaseExists(copyName)) {
                        if (admin.databaseExists(database)) {
                            admin.dropDatabase(failed);
                            admin.swap(database, copyName, failed);
                        } else {
                            // killed between the two renames of an earlier undo: the copy's is left to do
                            admin.unswap(database, failed, copyName);
                        }
                    }
                    admin.dropDatabase(failed);
                }
            } else {
                Set<String> after = Migrations.applied(machine, database);
                // the new revision's code knows the migrations it applied: it undoes them
                for (var target : Migrations.targetsToUndo(before, after).entrySet()) {
                    machine.runner().run(files.withRevision(List.of("migrate", "--noinput", target.getKey(),
                            target.getValue()), revision).build());
                }
            }
            Files.deleteIfExists(applying);
        }
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new UpgradeOperation(UpgradeSettings.fromParameters(parameters));
        }
    }
}
