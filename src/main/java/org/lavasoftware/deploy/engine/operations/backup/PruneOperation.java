package org.lavasoftware.deploy.engine.operations.backup;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.snapshot.Pruner;
import org.lavasoftware.deploy.snapshot.SnapshotId;
import org.lavasoftware.deploy.snapshot.Snapshots;

/**
 * {@code prune NAME --keep N}: all but the N newest snapshots of an instance go, never the one
 * {@code latest} names. Which ones is decided once, when it plans, and journaled: a prune killed
 * half-way is finished by {@code recover}, removing the very snapshots it had chosen (a snapshot
 * removed is not brought back, so there is nothing to undo once the first one went).
 */
public final class PruneOperation implements Operation {
    public static final String KIND = "prune";
    private final InstanceName name;
    private final int keep;
    private List<String> chosen = List.of();

    public PruneOperation(InstanceName name, int keep) {
        this.name = name;
        this.keep = keep;
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
        return Map.of("name", name.value(), "keep", Integer.toString(keep));
    }

    @Override
    public void check(OperationContext context) {
        if (keep < 1) {
            throw ToolException.badInput("--keep must be at least 1: pruning never removes every snapshot");
        }
    }

    /** The snapshots the plan removes (or, in a dry run, would), oldest first. */
    public List<String> chosen() {
        return chosen;
    }

    @Override
    public Plan plan(OperationContext context) {
        Snapshots snapshots = Snapshots.of(context.root(), name, context.reporter()::info);
        Pruner pruner = new Pruner(snapshots, Duration.ZERO);
        chosen = context.facts().list("snapshots-to-remove",
                () -> pruner.wouldRemove(keep).stream().map(SnapshotId::toString).toList());
        Plan.Builder plan = new Plan.Builder("pruning of the snapshots of " + name + " to the " + keep + " newest");
        if (chosen.isEmpty()) {
            return plan.build();
        }
        plan.add(Step.named("choose " + chosen.size() + " snapshot" + (chosen.size() == 1 ? "" : "s") + " to remove")
                .shows(String.join(", ", chosen) + " (the latest always stays)")
                .pointOfNoReturn()
                .build());
        for (String id : chosen) {
            plan.add(Step.named("remove snapshot " + id)
                    .shows(snapshots.pathOf(SnapshotId.parse(id)) + " renamed to ." + id + ".pruning, then deleted")
                    .does(() -> {
                        pruner.removeChosen(SnapshotId.parse(id));
                        context.reporter().info("removed " + name + "/" + id);
                    })
                    .build());
        }
        return plan.build();
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new PruneOperation(InstanceName.of(parameters.get("name")), Integer.parseInt(parameters.get("keep")));
        }
    }
}
