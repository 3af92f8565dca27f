package org.lavasoftware.deploy.engine.operations.upgrade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.lava.PythonRoot;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.PlanFacts;
import org.lavasoftware.deploy.engine.Prompter;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.InstanceFiles;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.Revisions;
import org.lavasoftware.deploy.engine.operations.SetupState;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * {@code rollback NAME [REVNO]}: back to the previous revision, or a named one still kept. The
 * migrations the older revision does not know are undone first, with the newer code; what was
 * written since in the tables and columns they made is lost, so that is said, and asked.
 */
public final class RollbackOperation implements Operation {
    public static final String KIND = "rollback";
    private final InstanceName name;
    private final String target;

    public RollbackOperation(InstanceName name, String target) {
        this.name = name;
        this.target = target;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public InstanceName instance() {
        return name;
    }

    @Override
    public Map<String, String> parameters() {
        return Map.of("name", name.value(), "target", target);
    }

    @Override
    public void check(OperationContext context) {
        SetupState.require(context.root());
        new UpgradeChecks(context).requireUpgradable();
        Revisions revisions = new Revisions(context.layout());
        if (!Files.isDirectory(revisions.tree(target))) {
            throw ToolException.badInput("instance " + name + " does not keep revision " + target + "; it keeps "
                    + String.join(", ", revisions.all()));
        }
        if (revisions.current().map(target::equals).orElse(false)) {
            throw ToolException.badInput("instance " + name + " is on revision " + target + " already");
        }
    }

    /** The revision a rollback without REVNO goes back to. */
    public static String previous(InstanceLayout layout) {
        return new Revisions(layout).previous().orElseThrow(() -> ToolException.badInput("instance " + layout.name()
                + " has no previous revision to go back to; name one of " + String.join(", ", new Revisions(layout).all())));
    }

    @Override
    public Plan plan(OperationContext context) {
        InstanceLayout layout = context.layout();
        Machine machine = Machine.of(context);
        PlanFacts facts = context.facts();
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        InstanceFiles files = new InstanceFiles(layout, config, machine);
        Revisions revisions = new Revisions(layout);
        // code/current, code/previous, static and the migrations applied are what a rollback changes: a
        // recovery takes them from the journal, as the first run saw them
        String from = facts.text("from", () -> revisions.current().orElseThrow());
        String previous = facts.text("previous", () -> revisions.previous().orElse(null));
        String staticFrom = facts.text("static-from", () -> revisions.staticInUse().orElse(null));
        RevisionSwitch web = new RevisionSwitch(layout, config, files, machine, facts);
        Map<String, String> targets = new LinkedHashMap<>();
        for (String t : facts.list("undo-targets", () -> context.dryRun() && !Files.isDirectory(revisions.tree(from)) ? List.of()
                : undoTargets(revisions.tree(target), Migrations.applied(machine, config.databaseName())).entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).toList())) {
            targets.put(t.substring(0, t.indexOf(' ')), t.substring(t.indexOf(' ') + 1));
        }
        List<String> undone = facts.list("undone-migrations", () -> migrationsToUndo(machine, files, from, targets));
        Plan.Builder plan = new Plan.Builder("rollback of " + name + " from " + from + " to " + target);
        if (!undone.isEmpty()) {
            plan.note("undoing " + undone + " loses what was written since in the tables and columns they made");
        }
        plan.add(Step.named("stop the scheduler").does(web::stopScheduler)
                .undoes("start the scheduler again", web::startSchedulerIfItRan).build());
        plan.add(Step.named("undo the migrations " + target + " does not have")
                .shows(undone.isEmpty() ? List.of("none") : undone.stream().map(m -> "undo " + m).toList())
                .does(() -> {
                    for (var t : targets.entrySet()) {
                        machine.runner().run(files.manage(List.of("migrate", "--noinput", t.getKey(), t.getValue())));
                    }
                })
                // with the code of code/current: the undo of the switch below has put it back to the newer revision
                .undoes("apply them again", () -> machine.runner().run(files.manage(List.of("migrate", "--noinput"))))
                .build());
        plan.add(Step.named("switch code/current to " + target)
                .shows(layout.currentCode() + " -> " + target)
                .does(() -> web.switchCode(revisions, target))
                .undoes("switch code/current back to " + from, () -> web.switchBack(revisions, from, previous, target))
                .build());
        plan.add(Step.named("switch the static files to " + target)
                .does(() -> {
                    if (!Files.isDirectory(revisions.staticOf(target))) {
                        // recorded before collecting: a collection killed half-way is removed by the undo
                        facts.record("static-collected", "true");
                        files.collectStatic(target, machine);
                    }
                    revisions.useStatic(target);
                })
                .undoes("switch the static files back to " + (staticFrom == null ? from : staticFrom), () -> {
                    if (staticFrom != null && Files.isDirectory(revisions.staticOf(staticFrom))) {
                        revisions.useStatic(staticFrom);
                    }
                    if (facts.flag("static-collected", () -> false)
                            && !revisions.staticInUse().map(target::equals).orElse(false)) {
                        org.lavasoftware.deploy.adapters.files.Filesystem.deleteTree(revisions.staticOf(target));
                    }
                })
                .build());
        plan.add(Step.named("start the scheduler and the publisher on " + target).does(() -> {
            web.startSchedulerIfItRan();
            web.restartPublisher();
        }).undoes("stop the scheduler again", web::stopSchedulerAgain).build());
        // once the older revision answers, the rollback is kept: a recovery finishes it rather than undoing it
        plan.add(Step.named("check " + target + " through Apache").does(() -> web.requireHealthy(target))
                .pointOfNoReturn().build());
        return plan.build();
    }

    /** The migrations that going back to {@code targets} undoes, with the code of {@code from}; refuses irreversible ones. */
    private List<String> migrationsToUndo(Machine machine, InstanceFiles files, String from, Map<String, String> targets) {
        List<Migrations.Planned> undone = new ArrayList<>();
        for (var t : targets.entrySet()) {
            undone.addAll(Migrations.plan(machine, files, from, List.of(t.getKey(), t.getValue())));
        }
        List<String> irreversible = undone.stream().filter(m -> !m.reversible()).map(Migrations.Planned::migration).toList();
        if (!irreversible.isEmpty()) {
            throw ToolException.failed("revision " + from + "'s migrations " + String.join(", ", irreversible)
                    + " cannot be undone; restore the snapshot taken before the upgrade with restore-db " + name + " ID");
        }
        return undone.stream().map(Migrations.Planned::migration).toList();
    }

    @Override
    public boolean confirm(Plan plan, Prompter prompter) {
        return plan.notes().isEmpty() || prompter.confirm(String.join("\n", plan.describe()) + "\nRoll back anyway?");
    }

    /**
     * For each app, the newest migration the older tree has, where the database has applied one it
     * does not have: what {@code migrate APP NAME} must go back to.
     */
    static Map<String, String> undoTargets(Path olderTree, java.util.Set<String> applied) {
        Path root = olderTree.resolve(PythonRoot.within(olderTree));
        Map<String, String> targets = new LinkedHashMap<>();
        Map<String, List<String>> known = new LinkedHashMap<>();
        for (String migration : applied) {
            String app = migration.substring(0, migration.indexOf('.'));
            String file = migration.substring(migration.indexOf('.') + 1);
            List<String> inOlder = known.computeIfAbsent(app, a -> migrationsOf(root.resolve(a).resolve("migrations")));
            if (!inOlder.contains(file) && Files.isDirectory(root.resolve(app))) {
                targets.put(app, inOlder.isEmpty() ? "zero" : inOlder.get(inOlder.size() - 1));
            }
        }
        return targets;
    }

    private static List<String> migrationsOf(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("\\d{4}_.*\\.py"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new RollbackOperation(InstanceName.of(parameters.get("name")), parameters.get("target"));
        }
    }
}
