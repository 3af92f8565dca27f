package org.lavasoftware.deploy.engine.operations.convert;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.lavasoftware.deploy.adapters.exec.ProcessRunner;
import org.lavasoftware.deploy.adapters.sources.CodeSource;
import org.lavasoftware.deploy.adapters.sources.CodeSources;
import org.lavasoftware.deploy.engine.Engine;
import org.lavasoftware.deploy.engine.OperationLog;
import org.lavasoftware.deploy.engine.operations.Machine;
import org.lavasoftware.deploy.engine.operations.Revisions;
import org.lavasoftware.deploy.engine.operations.upgrade.UpgradeSettings;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceConfigStore;
import org.lavasoftware.deploy.model.InstanceLayout;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * Decides a conversion before it starts: the revision of the instance's source (asked for, or the
 * newest), what the venv holds and the target config would drop, and so the build of custom.cfg
 * the conversion upgrades to. Refuses, changing nothing, an instance that is not pip-based.
 */
public final class ConvertTarget {
    /** The conversion, and what it found in the venv (for the faces to show). */
    public record Decided(ConvertSettings settings, LegacyAnalysis analysis) {
        /** The packages as maps, for recipes and --json. */
        public List<Map<String, Object>> packages() {
            return ConvertTarget.packages(analysis);
        }
    }

    /** What the venv holds and each package's fate, as maps (name, version, fate, dropped, app, description). */
    public static List<Map<String, Object>> packages(LegacyAnalysis analysis) {
        return analysis.packages().stream().map(p -> {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("name", p.name());
            m.put("version", p.version());
            m.put("fate", p.fate().name().toLowerCase(java.util.Locale.ROOT));
            m.put("dropped", p.fate().dropped());
            m.put("app", p.app());
            m.put("description", p.describe());
            return m;
        }).toList();
    }

    private ConvertTarget() {
    }

    public static Decided resolve(Engine engine, InstanceName name, String requested, String config, boolean backup) {
        InstanceLayout layout = engine.existing(name);
        try (OperationLog log = engine.openLog(name)) {
            ProcessRunner runner = new ProcessRunner(engine.privilege(), log);
            ConvertChecks.requireConvertible(layout, Machine.of(engine.root(), runner));
            InstanceConfig instance = InstanceConfigStore.load(layout).config();
            String spec = instance.get(ConfigKey.LAVA_SERVER_BRANCH);
            CodeSource source = CodeSources.of(spec, engine.root().cacheDir(), runner);
            CodeSource.Revision revision = source.resolve(requested);
            String setting = config == null ? "" : config.strip();
            LegacyAnalysis analysis = LegacyAnalysis.of(layout, runner, setting);
            analysis.requireCheckouts();
            String id = analysis.buildId(layout, revision.id());
            engine.reporter().info("converting " + name + " from its pip-based venv to revision " + revision + " of "
                    + source.describe() + ", built as " + id + " from " + TargetConfig.CUSTOM + " extending "
                    + analysis.target().extended());
            UpgradeSettings build = new UpgradeSettings(name, spec, id, !Files.isDirectory(new Revisions(layout).tree(id)),
                    false, 3, revision.id(), ConvertSettings.BUILDOUT_CFG);
            return new Decided(new ConvertSettings(name, setting, backup, build), analysis);
        }
    }
}
