package org.lavasoftware.deploy.engine.operations.convert;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lavasoftware.deploy.engine.operations.InstallSettings;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * A copy of a pip-based instance, decided before it starts (so that recovery rebuilds the same plan).
 *
 * @param install the copy's install: the original's source, the revision the conversion will use, the copy's host
 */
public record CopySettings(InstanceName original, InstallSettings install) {
    public InstanceName copy() {
        return install.name();
    }

    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>(install.parameters());
        p.put("original", original.value());
        return p;
    }

    public static CopySettings fromParameters(Map<String, String> p) {
        return new CopySettings(InstanceName.of(p.get("original")), InstallSettings.fromParameters(p));
    }
}
