package org.lavasoftware.deploy.engine.operations.upgrade;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * What an upgrade goes to, decided before it starts (so that recovery rebuilds the same plan).
 *
 * @param source   the code source (LAVA_SERVER_BRANCH) the revision comes from
 * @param revision the revision's id (its directory code/REV)
 * @param fetch    whether code/REV has to be fetched (it is not there yet)
 * @param backup   whether a snapshot is taken first
 * @param keep     how many revisions to keep afterwards
 */
public record UpgradeSettings(InstanceName name, String source, String revision, boolean fetch, boolean backup, int keep) {

    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", name.value());
        p.put("source", source);
        p.put("revision", revision);
        p.put("fetch", Boolean.toString(fetch));
        p.put("backup", Boolean.toString(backup));
        p.put("keep", Integer.toString(keep));
        return p;
    }

    public static UpgradeSettings fromParameters(Map<String, String> p) {
        return new UpgradeSettings(InstanceName.of(p.get("name")), p.get("source"), p.get("revision"),
                Boolean.parseBoolean(p.get("fetch")), Boolean.parseBoolean(p.get("backup")), Integer.parseInt(p.get("keep")));
    }
}
