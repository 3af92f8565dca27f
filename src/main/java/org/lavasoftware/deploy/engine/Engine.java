package org.lavasoftware.deploy.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.Privilege;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.lava.LabInventory;
import org.lavasoftware.deploy.engine.operations.InstanceHealth;
import org.lavasoftware.deploy.engine.operations.InstanceInventory;
import org.lavasoftware.deploy.engine.operations.InstanceQueries;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;
import org.lavasoftware.deploy.model.LavaRoot;

/**
 * The one API the three faces call. Queries answer directly; operations run as journaled plans
 * under the instance's lock, or are only shown in a dry run.
 */
public final class Engine {
    private final EngineSettings settings;
    private final Reporter reporter;
    private final Prompter prompter;
    private final Privilege privilege;
    private final OperationCatalog catalog;
    private final OperationHooks hooks;

    public Engine(EngineSettings settings, Reporter reporter, Prompter prompter, Privilege privilege,
                  OperationCatalog catalog) {
        this(settings, reporter, prompter, privilege, catalog, OperationHooks.NONE);
    }

    private Engine(EngineSettings settings, Reporter reporter, Prompter prompter, Privilege privilege,
                   OperationCatalog catalog, OperationHooks hooks) {
        this.settings = settings;
        this.reporter = reporter;
        this.prompter = prompter;
        this.privilege = privilege;
        this.catalog = catalog;
        this.hooks = hooks;
    }

    public EngineSettings settings() {
        return settings;
    }

    public LavaRoot root() {
        return settings.root();
    }

    public Reporter reporter() {
        return reporter;
    }

    public Prompter prompter() {
        return prompter;
    }

    public Privilege privilege() {
        return privilege;
    }

    /** The same engine, but operations are shown rather than run (or run, for {@code false}). */
    public Engine withDryRun(boolean dryRun) {
        return new Engine(settings.withDryRun(dryRun), reporter, prompter, privilege, catalog, hooks);
    }

    /** The same engine, running {@code value} before and after each operation on an instance. */
    public Engine withHooks(OperationHooks value) {
        return new Engine(settings, reporter, prompter, privilege, catalog, value);
    }

    public boolean isDryRun() {
        return settings.dryRun();
    }

    // ---- queries ------------------------------------------------------------------------------

    public List<InstanceSummary> list() {
        TreeSet<InstanceName> names = new TreeSet<>(root().instanceNames());
        names.addAll(root().journalNames());
        InstanceQueries queries = queries();
        return names.stream().map(name -> summarize(name, queries, true)).toList();
    }

    /**
     * One instance's line of {@code list}, without its workers and devices: what a recipe's
     * {@code instance('x').state} reads, with no query of every instance's database.
     */
    public InstanceSummary summary(InstanceName name) {
        return summarize(name, queries(), false);
    }

    private InstanceSummary summarize(InstanceName name, InstanceQueries queries, boolean withLab) {
        InstanceLayout layout = root().instance(name);
        String mode = "unknown";
        String url = null;
        Optional<LabInventory> lab = Optional.empty();
        Optional<JournalState> interrupted = Journal.interruptedOn(layout);
        String state = interrupted.isPresent() ? "interrupted" : state(layout, queries);
        if (layout.exists()) {
            try {
                InstanceConfig config = InstanceConfigStore.load(layout).config();
                mode = config.webMode();
                url = InstanceHealth.url(config);
                if (withLab && !state.equals("not deployed") && !state.equals("interrupted")) {
                    lab = InstanceInventory.tryRead(layout, config);
                }
            } catch (RuntimeException e) {
                mode = "unreadable";
            }
        }
        String interruption = interrupted.map(JournalState::brief).orElse(null);
        return new InstanceSummary(name.value(), mode, state, revision(layout), url, lastBackup(name),
                lab.map(LabInventory::workerSummary).orElse(null), lab.map(LabInventory::deviceSummary).orElse(null),
                interruption);
    }

    /** The id the instance's {@code latest} snapshot link names, without reading any snapshot. */
    private String lastBackup(InstanceName name) {
        Path latest = root().backupsDir(name).resolve("latest");
        try {
            return Files.isSymbolicLink(latest) ? Files.readSymbolicLink(latest).getFileName().toString() : null;
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Asks the machine (service manager, Apache) about instances, without an operation. */
    public InstanceQueries queries() {
        return new InstanceQueries(root(), Machine.of(root(), new ProcessRunner(privilege, OperationLog.discard())));
    }

    /** This tool's version, as built (for manifests and messages). */
    public static String toolVersion() {
        java.util.Properties props = new java.util.Properties();
        try (var in = Engine.class.getResourceAsStream("/org/lavasoftware/deploy/version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (java.io.IOException e) {
            // the build always packs the file; without it the version is simply unknown
        }
        return props.getProperty("version", "unknown");
    }

    /** The code revision in use: the name of the directory {@code code/current} points at. */
    public static String revision(InstanceLayout layout) {
        Path current = layout.currentCode();
        try {
            if (Files.isSymbolicLink(current)) {
                Path target = Files.readSymbolicLink(current);
                return target.getFileName().toString();
            }
        } catch (java.io.IOException e) {
            return "unreadable";
        }
        return Files.isDirectory(current) ? "current" : "none";
    }

    private String state(InstanceLayout layout, InstanceQueries queries) {
        Optional<String> holder = InstanceLock.holder(layout.lockFile());
        if (holder.isPresent()) {
            return "busy";
        }
        if (!layout.exists()) {
            return "missing";
        }
        try {
            return queries.serviceState(layout);
        } catch (RuntimeException e) {
            return "unknown";
        }
    }

    /** The instance's configuration as it would be used now (evolved, not yet saved). */
    public InstanceConfig config(InstanceName name) {
        InstanceLayout layout = existing(name);
        return InstanceConfigStore.load(layout).config();
    }

    /** The instance's buildout config as resolved for code/current (see {@code buildout NAME}). */
    public Map<String, Object> buildout(InstanceName name) {
        InstanceLayout layout = existing(name);
        return org.lavasoftware.deploy.engine.operations.build.BuildoutReport.of(layout, InstanceConfigStore.load(layout).config());
    }

    /** As {@link #buildout(InstanceName)}, for the config LAVA_BUILDOUT_CFG={@code setting} would name. */
    public Map<String, Object> buildout(InstanceName name, String setting) {
        return org.lavasoftware.deploy.engine.operations.build.BuildoutReport.of(existing(name), setting);
    }

    /**
     * The version each egg of the config LAVA_BUILDOUT_CFG={@code setting} resolves to in code/current's
     * environment, without building (what a production config pins). Runs the interpreter as a query.
     */
    public Map<String, String> resolveVersions(InstanceName name, String setting) {
        InstanceLayout layout = existing(name);
        String revision = revision(layout);
        var builder = new org.lavasoftware.deploy.engine.operations.build.RevisionBuilder(layout,
                Machine.of(root(), new ProcessRunner(privilege, OperationLog.discard())));
        var build = builder.describe(revision, setting).orElseThrow(() -> ToolException.badInput("LAVA_BUILDOUT_CFG="
                + (setting == null || setting.isBlank() ? "''" : setting) + " names no config for " + name
                + "'s code/current: nothing to resolve"));
        return builder.resolve(revision, build);
    }

    /** The layout of an instance that must exist; a clear error otherwise. */
    public InstanceLayout existing(InstanceName name) {
        return root().existing(name);
    }

    /** The interrupted operation of an instance, if one is waiting for {@code recover}. */
    public Optional<JournalState> interrupted(InstanceName name) {
        return Journal.read(root().instance(name).journalFile());
    }

    // ---- operations ---------------------------------------------------------------------------

    /**
     * Runs (or in a dry run, shows) an operation's plan under the instance's lock and journal.
     * Operations on the machine itself (setup) run under the root's lock and journal. The site's
     * hooks run before and after, outside the lock, so that a hook may act on the instance.
     */
    public void execute(Operation operation) {
        hooks.before(operation, this);
        executeAlone(operation);
        hooks.after(operation, this);
    }

    private void executeAlone(Operation operation) {
        InstanceName name = operation.instance();
        InstanceLayout layout = name == null ? null : root().instance(name);
        if (settings.dryRun()) {
            OperationContext context = context(layout, OperationLog.discard());
            refuseIfInterrupted(operation);
            operation.check(context);
            reporter.dryRun(operation.plan(context));
            return;
        }
        // checked before anything is created (locks and logs live under the root), and again under the lock
        operation.check(context(layout, OperationLog.discard()));
        try (InstanceLock rootLock = name == null || operation.changesInstanceSet() ? lockRoot(operation.kind()) : null;
             InstanceLock lock = name == null ? null : lock(layout, operation.kind() + " of " + name);
             OperationLog log = openLog(name == null ? operation.kind() : name.value())) {
            refuseIfInterrupted(operation);
            OperationContext context = context(layout, log);
            operation.check(context);
            Plan plan = operation.plan(context);
            if (!operation.confirm(plan, prompter)) {
                throw ToolException.failed(operation.kind() + (name == null ? "" : " of " + name)
                        + " stopped: not confirmed; nothing was changed");
            }
            log.line("== " + operation.kind() + (name == null ? "" : " " + name) + " " + operation.parameters());
            Journal journal = Journal.begin(journalOf(operation), operation.kind(), operation.parameters(), plan.size(),
                    context.facts());
            new PlanRunner(reporter, log, name == null ? "`lava-deployment-tool " + operation.kind() + "` again"
                    : recoverCommand(name)).run(plan, journal);
            log.line("== " + operation.kind() + (name == null ? "" : " " + name) + " done");
        }
    }

    private Path journalOf(Operation operation) {
        return operation.instance() == null ? root().setupJournal() : root().instance(operation.instance()).journalFile();
    }

    /** An interrupted operation blocks others, unless running this one again finishes it. */
    private void refuseIfInterrupted(Operation operation) {
        Path journal = journalOf(operation);
        Optional<JournalState> state = Journal.read(journal);
        if (state.isEmpty()) {
            return;
        }
        if (operation.resumesByRunningAgain() && state.get().kind().equals(operation.kind())) {
            if (!settings.dryRun()) {
                reporter.info("finishing " + state.get().describe() + " by running it again");
                try {
                    Files.delete(journal);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException("cannot remove " + journal + ": " + e.getMessage(), e);
                }
            }
            return;
        }
        if (operation.instance() == null) {
            throw ToolException.unexpectedState("the root has " + state.get().describe() + "; run `lava-deployment-tool "
                    + state.get().kind() + "` again to finish it");
        }
        refuseIfInterrupted(operation.instance());
    }

    /**
     * Removes all but the {@code keep} newest snapshots of an instance (never the latest) as a
     * journaled operation; returns the ids removed, or in a dry run those it would remove.
     */
    public List<String> prune(InstanceName name, int keep) {
        var prune = new org.lavasoftware.deploy.engine.operations.backup.PruneOperation(name, keep);
        execute(prune);
        return prune.chosen();
    }

    /** Finishes or undoes the interrupted operation of an instance, as its journal says. */
    public void recover(InstanceName name) {
        InstanceLayout layout = root().instance(name);
        JournalState peek = interrupted(name).orElseThrow(() -> ToolException.badInput("instance " + name
                + " has no interrupted operation; nothing to recover"));
        Operation operation = catalog.rebuild(peek.kind(), peek.parameters());
        try (InstanceLock rootLock = operation.changesInstanceSet() ? lockRoot("recover") : null;
             InstanceLock lock = lock(layout, "recover of " + name);
             OperationLog log = settings.dryRun() ? OperationLog.discard() : openLog(name)) {
            JournalState state = interrupted(name).orElseThrow(() -> ToolException.badInput("instance " + name
                    + " has no interrupted operation any more; nothing to recover"));
            PlanFacts facts = PlanFacts.replaying(state.facts());
            Plan plan = operation.plan(context(layout, log, facts));
            new Recovery(plan, state, facts, reporter, log, recoverCommand(name), settings.dryRun())
                    .run(layout.journalFile());
        }
    }

    /** Refuses to act on an instance whose last operation was interrupted. */
    public void refuseIfInterrupted(InstanceName name) {
        interrupted(name).ifPresent(state -> {
            throw ToolException.unexpectedState("instance " + name + " has " + state.describe() + "; run "
                    + recoverCommand(name) + " first");
        });
    }

    /** Takes an instance's lock for a caller that works on the instance outside a plan. */
    public InstanceLock lock(InstanceLayout layout, String purpose) {
        return InstanceLock.acquire(layout.lockFile(), "instance " + layout.name(), purpose, settings.lockWait(),
                notices());
    }

    private InstanceLock lockRoot(String purpose) {
        return InstanceLock.acquire(root().lockFile(), "the instance list of " + root().path(), purpose,
                settings.lockWait(), notices());
    }

    private Consumer<String> notices() {
        return reporter::info;
    }

    public OperationLog openLog(InstanceName name) {
        return openLog(name.value());
    }

    /** The log of the operations on {@code subject}: an instance's name, or setup. */
    public OperationLog openLog(String subject) {
        return OperationLog.open(root().operationLog(subject),
                settings.debug() ? line -> reporter.info("  " + line) : line -> { });
    }

    /** {@code layout}: null for operations on the machine and root. */
    public OperationContext context(InstanceLayout layout, OperationLog log) {
        return context(layout, log, PlanFacts.observing());
    }

    private OperationContext context(InstanceLayout layout, OperationLog log, PlanFacts facts) {
        return new OperationContext(root(), layout, new ProcessRunner(privilege, log), log, reporter, prompter,
                settings.dryRun(), facts);
    }

    private static String recoverCommand(InstanceName name) {
        return "`lava-deployment-tool recover " + name + "`";
    }
}
