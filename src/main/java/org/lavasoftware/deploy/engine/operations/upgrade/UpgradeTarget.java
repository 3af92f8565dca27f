package org.lavasoftware.deploy.engine.operations.upgrade;

import java.nio.file.Files;
import java.util.Optional;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.lava.LabInventory;
import org.lavasoftware.deploy.adapters.sources.CodeSource;
import org.lavasoftware.deploy.adapters.sources.CodeSources;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.OperationLog;
import org.lavasoftware.deploy.engine.operations.InstanceInventory;
import org.lavasoftware.deploy.engine.operations.LocalWorker;
import org.lavasoftware.deploy.engine.operations.Revisions;
import org.lavasoftware.deploy.engine.operations.build.BuildId;
import org.lavasoftware.deploy.engine.operations.jobs.SmokeCheck;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * Decides what an upgrade goes to before it starts: the source (the instance's, or
 * LAVA_SERVER_BRANCH from the environment), the revision asked for or the source's newest, and
 * the build of it that the buildout config (LAVA_BUILDOUT_CFG, the instance's or the
 * environment's) asks for. Empty when the instance is already on that build: nothing to do.
 */
public final class UpgradeTarget {
    private UpgradeTarget() {
    }

    public static Optional<UpgradeSettings> resolve(Engine engine, InstanceName name, String requested, String sourceOverride,
                                                    boolean backup, int keep) {
        return resolve(engine, name, requested, sourceOverride, null, backup, keep);
    }

    public static Optional<UpgradeSettings> resolve(Engine engine, InstanceName name, String requested, String sourceOverride,
                                                    String buildoutOverride, boolean backup, int keep) {
        InstanceLayout layout = engine.existing(name);
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        String spec = sourceOverride != null && !sourceOverride.isBlank() ? sourceOverride : config.get(ConfigKey.LAVA_SERVER_BRANCH);
        String buildout = buildoutOverride != null ? buildoutOverride : config.get(ConfigKey.LAVA_BUILDOUT_CFG);
        try (OperationLog log = engine.openLog(name)) {
            CodeSource source = CodeSources.of(spec, engine.root().cacheDir(), new ProcessRunner(engine.privilege(), log));
            CodeSource.Revision revision = source.resolve(requested);
            Revisions revisions = new Revisions(layout);
            String id = BuildId.of(layout, revision.id(), buildout);
            if (revisions.current().map(id::equals).orElse(false)) {
                engine.reporter().info("instance " + name + " is already on revision " + revision + " of "
                        + source.describe() + (id.equals(revision.id()) ? "" : " built from " + buildout) + ": nothing to do");
                return Optional.empty();
            }
            engine.reporter().info("upgrading " + name + " to revision " + revision + " of " + source.describe()
                    + (id.equals(revision.id()) ? "" : ", built as " + id + " from " + buildout));
            return Optional.of(new UpgradeSettings(name, spec, id, !Files.isDirectory(revisions.tree(id)), backup, keep,
                    revision.id(), buildoutOverride, hasQemuDevice(layout, config)));
        }
    }

    /**
     * Whether the instance proves an upgrade with a job: a QEMU device of its local worker takes jobs.
     * A device in maintenance (an administrator's decision) is not made to run one.
     */
    static boolean hasQemuDevice(InstanceLayout layout, InstanceConfig config) {
        LocalWorker worker = new LocalWorker(layout, config);
        return worker.enabled() && InstanceInventory.tryRead(layout, config)
                .map(lab -> SmokeCheck.qemuDevices(lab, worker.name()).stream().anyMatch(LabInventory.Device::takesJobs))
                .orElse(false);
    }

    /**
     * {@code develop NAME PATH}: an upgrade whose source is the branch directory PATH (its one
     * revision is what it holds now), kept as the instance's LAVA_SERVER_BRANCH.
     */
    public static Optional<UpgradeSettings> develop(Engine engine, InstanceName name, java.nio.file.Path path,
                                                    String buildoutOverride, boolean backup) {
        java.nio.file.Path dir = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw org.lavasoftware.deploy.ToolException.badInput("no directory " + dir + "; give the LAVA branch to develop on");
        }
        if (org.lavasoftware.deploy.adapters.lava.PythonRoot.find(dir).isEmpty()) {
            throw org.lavasoftware.deploy.ToolException.badInput(dir + " holds no lava_server package; give a LAVA branch "
                    + "(a checkout, or a tree laid out as Debian's package)");
        }
        // a git or Bazaar checkout is a source of its own: its newest commit is the revision
        return resolve(engine, name, null, dir.toString(), buildoutOverride, backup, 3);
    }
}
