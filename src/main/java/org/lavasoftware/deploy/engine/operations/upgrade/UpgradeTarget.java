package org.lavasoftware.deploy.engine.operations.upgrade;

import java.nio.file.Files;
import java.util.Optional;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.sources.CodeSource;
import org.lavasoftware.deploy.adapters.sources.CodeSources;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.OperationLog;
import org.lavasoftware.deploy.engine.operations.Revisions;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * Decides what an upgrade goes to before it starts: the source (the instance's, or
 * LAVA_SERVER_BRANCH from the environment), the revision asked for or the source's newest.
 * Empty when the instance is already on it: an upgrade to the same revision does nothing.
 */
public final class UpgradeTarget {
    private UpgradeTarget() {
    }

    public static Optional<UpgradeSettings> resolve(Engine engine, InstanceName name, String requested, String sourceOverride,
                                                    boolean backup, int keep) {
        InstanceLayout layout = engine.existing(name);
        InstanceConfig config = InstanceConfigStore.load(layout).config();
        String spec = sourceOverride != null && !sourceOverride.isBlank() ? sourceOverride : config.get(ConfigKey.LAVA_SERVER_BRANCH);
        try (OperationLog log = engine.openLog(name)) {
            CodeSource source = CodeSources.of(spec, engine.root().cacheDir(), new ProcessRunner(engine.privilege(), log));
            CodeSource.Revision revision = source.resolve(requested);
            Revisions revisions = new Revisions(layout);
            if (revisions.current().map(revision.id()::equals).orElse(false)) {
                engine.reporter().info("instance " + name + " is already on revision " + revision + " of "
                        + source.describe() + ": nothing to do");
                return Optional.empty();
            }
            engine.reporter().info("upgrading " + name + " to revision " + revision + " of " + source.describe());
            return Optional.of(new UpgradeSettings(name, spec, revision.id(), !Files.isDirectory(revisions.tree(revision.id())),
                    backup, keep));
        }
    }
}
