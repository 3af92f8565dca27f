package org.lavasoftware.deploy.engine.operations.convert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.postgres.PostgresAdmin;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.PlanFacts;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.InstallOperation;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.SetupState;
import org.lavasoftware.deploy.engine.operations.backup.BackupOperation;
import org.lavasoftware.deploy.engine.operations.restore.RestoreOperation;
import org.lavasoftware.deploy.engine.operations.restore.RestoreSettings;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.snapshot.SnapshotId;
import org.lavasoftware.deploy.snapshot.Snapshots;

/**
 * A new instance that is a pip-based copy of a pip-based one, for a conversion to be rehearsed on
 * (the classic advice: test it on a copy first): a snapshot of the original; the copy installed as
 * a normal instance; the snapshot restored into it, neutralized as clones are; then the copy made
 * pip-based like the original (its venv, its settings, its static files, its services). The
 * original is only read. A failure undoes the install's steps, which remove the copy; once the copy
 * answers from its venv (the last step) it is kept, and a recovery after that finishes rather than undoes.
 */
public final class CopyLegacyOperation implements Operation {
    public static final String KIND = "copy-legacy";
    /** Fact: the copy's database, whose restore's staging and previous databases an undo drops. */
    private static final String COPY_DATABASE = "copy-database";
    private final CopySettings settings;

    public CopyLegacyOperation(CopySettings settings) {
        this.settings = settings;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public InstanceName instance() {
        return settings.copy();
    }

    @Override
    public Map<String, String> parameters() {
        return settings.parameters();
    }

    @Override
    public boolean changesInstanceSet() {
        return true;
    }

    @Override
    public void check(OperationContext context) {
        SetupState.require(context.root());
        if (settings.copy().equals(settings.original())) {
            throw ToolException.badInput("the copy must be another instance than " + settings.original() + "; name it with copy=NAME2");
        }
        ConvertChecks.requireConvertible(original(context).layout(), Machine.of(context));
        new InstallOperation(settings.install()).check(context);
    }

    private OperationContext original(OperationContext context) {
        return new OperationContext(context.root(), context.root().instance(settings.original()), context.runner(),
                context.log(), context.reporter(), context.prompter(), context.dryRun(), context.facts());
    }

    @Override
    public Plan plan(OperationContext context) {
        InstanceName original = settings.original();
        InstanceName copy = settings.copy();
        OperationContext old = original(context);
        Plan.Builder plan = new Plan.Builder("pip-based copy of " + original + " as " + copy
                + " (" + original + " is only read)");
        plan.addAll(BackupOperation.stepsBefore("the copy", original, old));
        plan.addAll(withoutPointOfNoReturn(new InstallOperation(settings.install()).plan(context).steps()));
        plan.add(restore(context));
        plan.addAll(new PipBasedCopy(old.layout(), context.layout(), Machine.of(context)).steps());
        plan.note("undone, or failed, the install's steps remove " + copy + "; once done, `lava-deployment-tool remove "
                + copy + "` does");
        plan.note("then " + copy + " is converted as " + original + " would be: `lava-deployment-tool --dry-run convert "
                + original + "` shows that plan");
        return plan.build();
    }

    /**
     * The install's steps as steps of the copy: until the copy answers from its venv (the last step,
     * this operation's point of no return), any failure or recovery undoes all of them, whatever the
     * install alone would keep.
     */
    private static List<Step> withoutPointOfNoReturn(List<Step> steps) {
        return steps.stream().map(step -> {
            if (!step.isPointOfNoReturn()) {
                return step;
            }
            Step.Builder same = Step.named(step.title()).shows(step.details()).does(step::apply);
            if (step.hasUndo()) {
                same.undoes(step.undoTitle(), step::undo);
            }
            return same.build();
        }).toList();
    }

    /**
     * The restore's plan needs the copy and the snapshot to exist: it is made when the step runs,
     * and its steps run within this one, undone in reverse when one fails (its staging database
     * is not the install's to drop).
     */
    private Step restore(OperationContext context) {
        InstanceName original = settings.original();
        Machine machine = Machine.of(context);
        return Step.named("restore the snapshot of " + original + " into " + settings.copy() + ", neutralized")
                .shows("restore " + settings.copy() + " " + original + "/latest --stop --neutralize: verified, staged"
                        + " beside the copy's empty data, devices to maintenance, jobs cancelled, notifications off, swapped in")
                .does(() -> {
                    // the databases a restore killed half-way leaves beside the copy's, named before it starts
                    String database = InstanceConfigStore.load(context.layout()).config().databaseName();
                    context.facts().record(COPY_DATABASE, database);
                    Snapshots snapshots = Snapshots.of(context.root(), original, context.reporter()::info);
                    SnapshotId id = snapshots.latest().orElseThrow(() -> ToolException.unexpectedState(
                            original + " has no snapshot to copy from in " + snapshots.dir()));
                    RestoreOperation restore = new RestoreOperation(new RestoreSettings(settings.copy(), snapshots.pathOf(id),
                            original + "/" + id, false, true, false, true));
                    // the restore runs within this step and is never rebuilt: its own facts stay out of this journal
                    OperationContext within = new OperationContext(context.root(), context.layout(), context.runner(),
                            context.log(), context.reporter(), context.prompter(), context.dryRun(), PlanFacts.observing());
                    restore.check(within);
                    runWithin(restore.plan(within));
                })
                // the install's undoing, after this, removes the copy's directory (its staged and previous media
                // with it) and database; the restore's staging and previous databases are this step's to drop
                .undoes("drop the restore's staging and previous databases of " + settings.copy(), () -> {
                    String database = context.facts().text(COPY_DATABASE, () -> null);
                    if (database != null) {
                        try (PostgresAdmin admin = machine.postgresAdmin()) {
                            admin.dropDatabase(database + "-restore");
                            admin.dropDatabase(database + "-previous");
                        }
                    }
                })
                .build();
    }

    private static void runWithin(Plan plan) throws Exception {
        List<Step> done = new ArrayList<>();
        for (Step step : plan.steps()) {
            try {
                step.apply();
            } catch (Exception e) {
                if (!done.stream().anyMatch(Step::isPointOfNoReturn)) {
                    undo(step, e);
                    for (int i = done.size() - 1; i >= 0; i--) {
                        undo(done.get(i), e);
                    }
                }
                throw e;
            }
            done.add(step);
        }
    }

    private static void undo(Step step, Exception failure) {
        try {
            step.undo();
        } catch (Exception e) {
            failure.addSuppressed(e);
        }
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new CopyLegacyOperation(CopySettings.fromParameters(parameters));
        }
    }
}
