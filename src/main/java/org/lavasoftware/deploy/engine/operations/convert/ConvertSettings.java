package org.lavasoftware.deploy.engine.operations.convert;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lavasoftware.deploy.engine.operations.upgrade.UpgradeSettings;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * A conversion decided before it starts (so that recovery rebuilds the same plan).
 *
 * @param config the target config as given (relative to the instance's directory, or absolute); empty for lava.cfg
 * @param build  the upgrade to the build of custom.cfg that the conversion runs, without its own snapshot
 * @param backup whether a snapshot is taken first
 */
public record ConvertSettings(InstanceName name, String config, boolean backup, UpgradeSettings build) {
    public static final String BUILDOUT_CFG = "../../" + TargetConfig.CUSTOM;

    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>(build.parameters());
        p.put("config", config);
        p.put("backup", Boolean.toString(backup));
        return p;
    }

    public static ConvertSettings fromParameters(Map<String, String> p) {
        Map<String, String> upgrade = new LinkedHashMap<>(p);
        upgrade.put("backup", "false");
        return new ConvertSettings(InstanceName.of(p.get("name")), p.getOrDefault("config", ""),
                Boolean.parseBoolean(p.get("backup")), UpgradeSettings.fromParameters(upgrade));
    }
}
