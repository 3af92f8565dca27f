package org.lavasoftware.deploy.engine.operations.convert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.adapters.exec.Command;
import org.lavasoftware.deploy.adapters.files.Filesystem;
import org.lavasoftware.deploy.adapters.python.VenvPackages;
import org.lavasoftware.deploy.engine.Operation;
import org.lavasoftware.deploy.engine.OperationContext;
import org.lavasoftware.deploy.engine.OperationFactory;
import org.lavasoftware.deploy.engine.Plan;
import org.lavasoftware.deploy.engine.PlanFacts;
import org.lavasoftware.deploy.engine.Step;
import org.lavasoftware.deploy.engine.operations.InstanceFiles;
import org.lavasoftware.deploy.engine.operations.InstanceServices;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.Revisions;
import org.lavasoftware.deploy.engine.operations.SetupState;
import org.lavasoftware.deploy.engine.operations.backup.BackupOperation;
import org.lavasoftware.deploy.engine.operations.upgrade.UpgradeOperation;
import org.lavasoftware.deploy.io.AtomicFile;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * {@code convert NAME}: a pip-based instance (a virtualenv at its root) moves to the code/REV
 * layout, as the classic README's "Upgrading from a pip-based instance" advised doing by hand:
 * pip's freeze recorded in last-pip-installed-versions.txt; what the target config would drop
 * packed for an offline build and added back by a custom.cfg extending it; then the upgrade to the
 * build of custom.cfg (its fetch, build, migrations, static files, switch and check through
 * Apache), the wsgi file pointed at code/current; only once the page answers is the venv removed.
 * A failure before that puts the instance back on its venv, serving.
 */
public final class ConvertOperation implements Operation {
    public static final String KIND = "convert";
    private final ConvertSettings settings;

    public ConvertOperation(ConvertSettings settings) {
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
        ConvertChecks.requireConvertible(context.layout(), Machine.of(context));
        LegacyAnalysis.of(context.layout(), Machine.of(context).runner(), settings.config()).requireCheckouts();
    }

    @Override
    public Plan plan(OperationContext context) {
        InstanceLayout layout = context.layout();
        Machine machine = Machine.of(context);
        ConvertState state = new ConvertState(context.root().stateDir().resolve("convert-" + settings.name()));
        PlanFacts facts = context.facts();
        // a recovery does not ask the venv (it may be half removed, or gone): the freeze recorded by the
        // first step says what it held, and the facts what the plan decided from it
        LegacyAnalysis analysis = facts.isReplaying() ? LegacyAnalysis.recorded(layout, settings.config())
                : LegacyAnalysis.of(layout, machine.runner(), settings.config());
        LegacySettings legacy = new LegacySettings(layout, state);
        String to = settings.build().revision();
        Plan.Builder plan = new Plan.Builder("conversion of " + settings.name() + " from its pip-based venv to " + to);
        if (settings.backup()) {
            plan.addAll(BackupOperation.stepsBefore("the conversion", settings.name(), context));
        }
        plan.add(recordFreeze(layout, state, analysis));
        if (facts.flag("convert-packs", () -> !analysis.dropped().isEmpty())) {
            plan.add(pack(layout, machine, state, analysis));
        }
        TargetConfig target = analysis.target();
        // the step writes the file it is decided by
        if (facts.flag("convert-writes-target", () -> target.missing() != null)) {
            plan.add(Step.named("describe Debian's tree in " + target.file())
                    .shows(target.missing() != null ? target.missing() : target.file() + " (written already)")
                    .does(() -> {
                        state.keep("target", target.file());
                        AtomicFile.write(target.file(), target.missing(), "rw-r--r--");
                    })
                    .undoes("remove " + target.file(), () -> state.restore("target", target.file()))
                    .build());
        }
        Path custom = layout.dir().resolve(TargetConfig.CUSTOM);
        plan.add(Step.named("write " + custom + ", extending " + target.extended())
                .shows(analysis.custom())
                .does(() -> {
                    state.keep("custom", custom);
                    AtomicFile.write(custom, analysis.custom(), "rw-r--r--");
                })
                .undoes("put " + custom + " back as it was", () -> state.restore("custom", custom))
                .build());
        plan.add(Step.named("keep the pip-based settings for the way back")
                .shows("copies of " + String.join(", ", legacy.describe()) + " in " + state.dir()
                        + "; the switch below rewrites lava.env and bin/ for code/current")
                .does(legacy::keep)
                .undoes("put the pip-based settings back and restart " + settings.name() + " on its venv", () -> {
                    var services = machine.services();
                    String group = InstanceServices.group(layout);
                    var config = InstanceConfigStore.load(layout).config();
                    // without code/current these are the definitions the venv's instance had
                    var programs = InstanceServices.programs(layout, config, new InstanceFiles(layout, config, machine).userGroup());
                    // a failure before the switch changed neither: the instance kept serving. Whether it must restart
                    // is recorded before anything is put back, so that this undo, killed and run again, still restarts it
                    if (legacy.differs() || !services.isCurrent(group, programs)) {
                        facts.record("convert-restart-venv", "true");
                    }
                    legacy.restore();
                    if (!services.isCurrent(group, programs)) {
                        services.register(group, programs);
                    }
                    if (facts.flag("convert-restart-venv", () -> false)) {
                        services.restart(group);
                    }
                })
                .build());
        boolean hadCode = Files.isDirectory(layout.codeDir());
        Step wsgi = Step.named("point " + legacy.wsgi() + " at code/current")
                .shows("the classic wsgi file (if the instance has one) imports LAVA from code/current and its build's venv")
                .does(legacy::pointWsgiAtCurrent)
                .undoes("put the pip-based " + legacy.wsgi().getFileName() + " back", legacy::restoreWsgi)
                .build();
        plan.addAll(new UpgradeOperation(settings.build()).plan(context, List.of(wsgi)).steps());
        if (context.dryRun() && !hadCode) {
            deleteIfEmpty(layout.codeDir()); // the dry run's look at the migrations fetched into it
        }
        plan.add(removeTree(layout, state));
        return plan.build();
    }

    private Step recordFreeze(InstanceLayout layout, ConvertState state, LegacyAnalysis analysis) {
        Path file = layout.dir().resolve(LegacyAnalysis.FREEZE_FILE);
        List<String> details = new ArrayList<>(List.of("pip freeze --local with " + layout.dir().resolve("bin/python")
                + " into " + file + ": " + analysis.packages().size() + " package" + (analysis.packages().size() == 1 ? "" : "s")));
        analysis.packages().forEach(p -> details.add("  " + p.describe()));
        details.add(analysis.dropped().isEmpty() ? "the target config drops none of them"
                : "WARNING: " + analysis.target().file().getFileName() + " would drop " + String.join(", ",
                analysis.dropped().stream().map(LegacyPackage::name).toList()) + "; custom.cfg adds "
                + (analysis.dropped().size() == 1 ? "it" : "them") + " back");
        return Step.named("record what pip installed in " + LegacyAnalysis.FREEZE_FILE)
                .shows(details)
                .does(() -> {
                    state.forget(); // what an earlier conversion, undone, left
                    state.keep("freeze", file);
                    AtomicFile.write(file, analysis.freeze(), "rw-r--r--");
                })
                .undoes("put " + file.getFileName() + " back as it was", () -> {
                    state.restore("freeze", file);
                    state.forget(); // the steps after this one are undone: nothing left to go back to
                })
                .build();
    }

    /** What the target drops, made installable offline: wheels in the download cache, checkouts copied out. */
    private Step pack(InstanceLayout layout, Machine machine, ConvertState state, LegacyAnalysis analysis) {
        Path cache = analysis.target().loadCustom(analysis.custom()).option("buildout", "download-cache")
                .map(v -> layout.dir().resolve(v.text().strip()).normalize()).orElse(layout.codeDir().resolve("download-cache"));
        List<String> details = new ArrayList<>();
        for (LegacyPackage p : analysis.dropped()) {
            Path checkout = analysis.develop().get(p);
            details.add(p.fate() == PackageFate.DEVELOP
                    ? p.name() + ": develop checkout " + (checkout == null ? "(as recorded)" : checkout
                    + (checkout.equals(p.checkout()) ? "" : ", copied from " + p.checkout()))
                    : p.name() + " " + p.version() + (p.app() ? " (a Django application: LAVA extension)" : "")
                    + ": packed from the venv as a wheel into " + cache);
        }
        return Step.named("pack what " + analysis.target().file().getFileName() + " would drop, for an offline build")
                .shows(details)
                .does(() -> {
                    VenvPackages venv = new VenvPackages(machine.runner(), layout.dir());
                    for (Path dir : List.of(layout.codeDir(), cache)) {
                        if (!Files.exists(dir)) {
                            Filesystem.directory(dir, "rwxr-xr-x", "root", "root");
                            state.made("packed", dir);
                        }
                    }
                    for (LegacyPackage p : analysis.dropped()) {
                        Path checkout = analysis.develop().get(p);
                        if (p.fate() == PackageFate.READD) {
                            state.made("packed", venv.wheel(p.name(), cache));
                        } else if (!checkout.equals(p.checkout()) && !Files.exists(checkout)) {
                            Files.createDirectories(checkout.getParent());
                            state.made("packed", checkout);
                            machine.runner().run(Command.of("cp", "-a", "--", p.checkout().toString(), checkout.toString()).build());
                        }
                    }
                })
                .undoes("remove the packed packages", () -> state.removeMade("packed"))
                .build();
    }

    private Step removeTree(InstanceLayout layout, ConvertState state) {
        List<String> details = new ArrayList<>(LegacyTree.at(layout).parts().stream().map(Path::toString).toList());
        Path oldStatic = new Revisions(layout).staticOf("none");
        details.add(oldStatic + " (the static files collected by the venv's code)");
        details.add("only now: once these are gone, the pip-based instance cannot come back but from its snapshot");
        return Step.named("remove the pip-based venv")
                .shows(details)
                .does(() -> {
                    for (Path part : LegacyTree.at(layout).parts()) {
                        Filesystem.deleteTree(part);
                    }
                    if (!new Revisions(layout).staticInUse().map("none"::equals).orElse(false)) {
                        Filesystem.deleteTree(oldStatic);
                    }
                    state.forget();
                })
                .pointOfNoReturn()
                .build();
    }

    private static void deleteIfEmpty(Path dir) {
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isEmpty()) {
                Files.delete(dir);
            }
        } catch (java.io.IOException e) {
            // not there, or not empty: nothing to tidy
        }
    }

    public static final class Factory implements OperationFactory {
        @Override
        public String kind() {
            return KIND;
        }

        @Override
        public Operation rebuild(Map<String, String> parameters) {
            return new ConvertOperation(ConvertSettings.fromParameters(parameters));
        }
    }
}
