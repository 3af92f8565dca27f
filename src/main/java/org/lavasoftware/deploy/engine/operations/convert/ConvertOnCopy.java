package org.lavasoftware.deploy.engine.operations.convert;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.sources.CodeSource;
import org.lavasoftware.deploy.adapters.sources.CodeSources;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.OperationLog;
import org.lavasoftware.deploy.engine.operations.InstallDefaults;
import org.lavasoftware.deploy.engine.operations.InstallSettings;
import org.lavasoftware.deploy.engine.operations.LocalWorker;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * {@code convert NAME --on-copy}: the conversion rehearsed, as the classic advice had it, on a
 * pip-based copy of the instance ({@link CopyLegacyOperation}), then the copy converted as the
 * instance would be, at the same revision and with the same target config. The instance itself is
 * only read. A conversion of the copy that fails puts the copy back on its venv, and it stays, for
 * a look at what went wrong.
 */
public final class ConvertOnCopy {
    /** What became of the copy; {@code converted} is null in a dry run. */
    public record Done(InstanceName copy, String revision, List<Map<String, Object>> packages, ConvertTarget.Decided converted) {
    }

    private ConvertOnCopy() {
    }

    public static String defaultName(InstanceName original) {
        return original.value() + "-copy";
    }

    /** {@code copyName}, {@code host}, {@code requested} and {@code config} may be null: the defaults. */
    public static Done run(Engine engine, InstanceName original, String copyName, String host, String requested, String config) {
        InstanceName copy = copyName(original, copyName);
        engine.refuseIfInterrupted(original);
        engine.refuseIfInterrupted(copy);
        InstanceLayout layout = engine.existing(original);
        if (engine.root().instance(copy).exists()) {
            throw ToolException.badInput("instance " + copy + " exists already, and the copy of " + original
                    + " is a new instance: remove " + copy + " (`lava-deployment-tool remove " + copy + "`) or name another copy");
        }
        String setting = targetConfig(layout, config);
        CopySettings settings;
        LegacyAnalysis analysis;
        try (OperationLog log = engine.openLog(copy)) {
            ProcessRunner runner = new ProcessRunner(engine.privilege(), log);
            ConvertChecks.requireConvertible(layout, Machine.of(engine.root(), runner));
            analysis = LegacyAnalysis.of(layout, runner, setting);
            analysis.requireCheckouts();
            InstanceConfig instance = InstanceConfigStore.load(layout).config();
            String spec = instance.get(ConfigKey.LAVA_SERVER_BRANCH);
            CodeSource.Revision revision = CodeSources.of(spec, engine.root().cacheDir(), runner).resolve(requested);
            settings = new CopySettings(original, new InstallSettings(copy, spec, revision.id(),
                    host == null || host.isBlank() ? InstallDefaults.host(engine.root(), copy) : host.strip(),
                    InstallSettings.Https.NONE, null, null, null, instance.isYes(ConfigKey.LAVA_SCHEDULER_ENABLED), false)
                    // a pip-based copy runs from its venv, as the original does: a worker like the original's, if any
                    .withWorker(LocalWorker.enabled(instance)));
        }
        engine.reporter().info("copying " + original + " as " + copy + " (pip-based too), then converting " + copy
                + " to revision " + settings.install().version() + "; " + original + " is only read");
        engine.execute(new CopyLegacyOperation(settings));
        List<Map<String, Object>> packages = ConvertTarget.packages(analysis);
        if (engine.isDryRun()) {
            return new Done(copy, settings.install().version(), packages, null);
        }
        ConvertTarget.Decided decided = ConvertTarget.resolve(engine, copy, settings.install().version(), setting, false);
        try {
            engine.execute(new ConvertOperation(decided.settings()));
        } catch (ToolException e) {
            throw new ToolException(e.status(), "the conversion of the copy " + copy + " failed, and " + copy
                    + " is back on its venv (" + original + " was not touched): " + e.getMessage() + "; `lava-deployment-tool remove "
                    + copy + "` removes the copy", e);
        }
        return new Done(copy, decided.settings().build().revision(), packages, decided);
    }

    private static InstanceName copyName(InstanceName original, String requested) {
        String name = requested == null || requested.isBlank() ? defaultName(original) : requested.strip();
        if (!InstanceName.isValid(name)) {
            try {
                InstanceName.of(name);
            } catch (ToolException e) {
                throw ToolException.badInput("cannot copy " + original + " as " + name + ": " + e.getMessage());
            }
        }
        if (name.equals(original.value())) {
            throw ToolException.badInput("the copy of " + original + " needs a name of its own, not " + original);
        }
        return InstanceName.of(name);
    }

    /**
     * A target config given relative to the instance's directory names the original's file: the
     * copy has none of its own, and reads it where it is (the original stays as it was).
     */
    private static String targetConfig(InstanceLayout original, String config) {
        String setting = config == null ? "" : config.strip();
        if (!setting.isEmpty() && !Path.of(setting).isAbsolute() && Files.exists(original.dir().resolve(setting))) {
            return original.dir().resolve(setting).toString();
        }
        return setting;
    }
}
