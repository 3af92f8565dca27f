package org.lavasoftware.deploy.engine.operations.restore;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * What a restore was asked for, and its journal parameters.
 *
 * @param snapshot   the snapshot directory, resolved from what the user named
 * @param databaseOnly restore-db: the media stay as they are
 * @param stop       a running instance is stopped for the swap only
 * @param asIs       skip LAVA's post-restore steps (maintenance, cancelled jobs)
 * @param neutralize also turn notifications off, so that a copy does not write to people
 */
public record RestoreSettings(InstanceName target, Path snapshot, String reference, boolean databaseOnly,
                              boolean stop, boolean asIs, boolean neutralize) {

    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", target.value());
        p.put("snapshot", snapshot.toString());
        p.put("reference", reference);
        p.put("databaseOnly", Boolean.toString(databaseOnly));
        p.put("stop", Boolean.toString(stop));
        p.put("asIs", Boolean.toString(asIs));
        p.put("neutralize", Boolean.toString(neutralize));
        return p;
    }

    public static RestoreSettings fromParameters(Map<String, String> p) {
        return new RestoreSettings(InstanceName.of(p.get("name")), Path.of(p.get("snapshot")), p.get("reference"),
                Boolean.parseBoolean(p.get("databaseOnly")), Boolean.parseBoolean(p.get("stop")),
                Boolean.parseBoolean(p.get("asIs")), Boolean.parseBoolean(p.get("neutralize")));
    }
}
