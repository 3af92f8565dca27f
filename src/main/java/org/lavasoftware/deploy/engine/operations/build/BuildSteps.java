package org.lavasoftware.deploy.engine.operations.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.PlanFacts;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * The steps that realize the buildout config of a new revision, between its fetch and anything
 * that switches: build its Python environment, then check its eggs and pins. A failure undoes
 * the build (and the fetch before it): the instance stays on its revision, serving.
 */
public final class BuildSteps {
    private final InstanceLayout layout;
    private final RevisionBuilder builder;
    private final String from;
    private final String to;
    private final java.util.function.Supplier<String> decided;
    private final String setting;
    private final boolean fetched;
    private BuildDescription build;

    public BuildSteps(InstanceLayout layout, Machine machine, String from, String to, String setting, boolean fetched) {
        this(layout, machine, from, to, () -> to, setting, fetched);
    }

    /**
     * For an install, whose revision is known only once fetched: {@code label} names it in the plan,
     * {@code decided} gives it when the steps run.
     */
    public BuildSteps(InstanceLayout layout, Machine machine, String from, String label,
                      java.util.function.Supplier<String> decided, String setting, boolean fetched) {
        this.layout = layout;
        this.builder = new RevisionBuilder(layout, machine);
        this.from = from;
        this.to = label;
        this.decided = decided;
        this.setting = setting;
        this.fetched = fetched;
    }

    /** Adds the steps when a build may be needed; true when {@code to} runs (or may run) in a venv of its own. */
    public boolean addTo(Plan.Builder plan) {
        return addTo(plan, PlanFacts.observing());
    }

    /**
     * As {@link #addTo(Plan.Builder)}, deciding through {@code facts}: the build step itself makes
     * the tree "built", so a plan rebuilt for a recovery must take the answer the first run had.
     */
    public boolean addTo(Plan.Builder plan, PlanFacts facts) {
        Path tree = builder.tree(to);
        boolean steps = facts.flag("build-steps", () -> fetched
                || RevisionBuild.of(tree).isEmpty() && BuildoutLocation.locate(tree, setting).isPresent());
        if (!steps) {
            // built already, or a tree deployed as it is
            return facts.flag("build-there", () -> RevisionBuild.of(tree).isPresent());
        }
        plan.add(Step.named("build the Python environment of " + to)
                // a recovery's plan is shown only by its titles: the tree may be half-built, or gone
                .shows(facts.isReplaying() ? List.of("as planned when the operation started") : preview())
                .does(() -> {
                    builder.carryLocal(from, decided.get());
                    build = builder.describe(decided.get(), setting).orElse(null);
                    if (build != null) {
                        builder.createEnvironment(decided.get(), build);
                    }
                })
                .undoes("remove the build of " + to, () -> builder.removeBuild(decided.get()))
                .build());
        plan.add(Step.named("check the eggs and pins of " + to)
                .shows("each egg must be installed (system site-packages, LAVA's tree, develop checkouts, download cache) "
                        + "and match its [versions] pin; otherwise nothing switches")
                .does(() -> {
                    if (build == null) {
                        build = builder.describe(decided.get(), setting).orElse(null);
                    }
                    if (build != null) {
                        builder.check(decided.get(), build);
                    }
                })
                .build());
        return true;
    }

    /** What the plan shows: the config and what it selects, when it can be read before the fetch. */
    private List<String> preview() {
        List<String> lines = new ArrayList<>();
        Path tree = builder.tree(to);
        Optional<BuildDescription> known;
        try {
            known = Files.isDirectory(tree) ? builder.describe(to, setting)
                    : BuildoutLocation.outsideTree(setting)
                    ? BuildoutLocation.locate(tree, setting).map(c -> BuildDescription.of(
                            org.lavasoftware.deploy.buildout.BuildoutConfig.load(c), layout.currentCode()))
                    : Optional.empty();
        } catch (ToolException e) {
            if (!BuildoutLocation.outsideTree(setting) || Files.exists(tree.resolve(setting.strip()).normalize())) {
                throw e;
            }
            // a step before this one writes it (a conversion's custom.cfg)
            lines.add("from " + tree.resolve(setting.strip()).normalize() + ", written by a step above: a venv on the "
                    + "system's site-packages in " + RevisionBuild.venv(tree) + ", eggs missing there installed from the "
                    + "download cache, offline");
            return lines;
        }
        if (known.isEmpty()) {
            lines.add("from the tree's " + (setting.isBlank() ? BuildoutLocation.DEFAULT : setting)
                    + " if it has one (else the tree is deployed as it is): a venv on the system's site-packages in "
                    + RevisionBuild.venv(tree) + ", develop checkouts installed editable, offline");
            return lines;
        }
        BuildDescription b = known.get();
        lines.add("from " + b.config() + ": a venv on the system's site-packages in " + RevisionBuild.venv(tree));
        lines.add("eggs: " + String.join(" ", b.eggs().stream().map(BuildDescription.Egg::name).toList()));
        b.develop().forEach(d -> lines.add("develop (editable, pip --no-index): " + d.path() + " (" + d.from() + ")"));
        if (!b.selects(BuildDescription.SCHEDULER_EGG)) {
            lines.add("no " + BuildDescription.SCHEDULER_EGG + " among the eggs: the instance runs no scheduler service");
        }
        return lines;
    }
}
