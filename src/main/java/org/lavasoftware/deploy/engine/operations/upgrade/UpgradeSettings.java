package org.lavasoftware.deploy.engine.operations.upgrade;

import java.util.LinkedHashMap;
import java.util.Map;
import org.lavasoftware.deploy.model.InstanceName;

/**
 * What an upgrade goes to, decided before it starts (so that recovery rebuilds the same plan).
 *
 * @param source         the code source (LAVA_SERVER_BRANCH) the revision comes from
 * @param revision       the revision's id (its directory code/REV): the source's revision, with a
 *                       suffix naming the build when a buildout config outside the tree shapes it
 * @param fetch          whether code/REV has to be fetched (it is not there yet)
 * @param backup         whether a snapshot is taken first
 * @param keep           how many revisions to keep afterwards
 * @param sourceRevision the revision of the source that is fetched
 * @param buildoutCfg    LAVA_BUILDOUT_CFG given for this upgrade (then kept), or null for the instance's
 * @param jobCheck       whether the smoke job must pass on the new revision before the upgrade is kept
 *                       (decided before it starts: the instance has a QEMU device on its local worker)
 */
public record UpgradeSettings(InstanceName name, String source, String revision, boolean fetch, boolean backup, int keep,
                              String sourceRevision, String buildoutCfg, boolean jobCheck) {

    public UpgradeSettings(InstanceName name, String source, String revision, boolean fetch, boolean backup, int keep) {
        this(name, source, revision, fetch, backup, keep, revision, null, false);
    }

    public UpgradeSettings(InstanceName name, String source, String revision, boolean fetch, boolean backup, int keep,
                           String sourceRevision, String buildoutCfg) {
        this(name, source, revision, fetch, backup, keep, sourceRevision, buildoutCfg, false);
    }

    public UpgradeSettings withJobCheck(boolean value) {
        return new UpgradeSettings(name, source, revision, fetch, backup, keep, sourceRevision, buildoutCfg, value);
    }

    public Map<String, String> parameters() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("name", name.value());
        p.put("source", source);
        p.put("revision", revision);
        p.put("fetch", Boolean.toString(fetch));
        p.put("backup", Boolean.toString(backup));
        p.put("keep", Integer.toString(keep));
        p.put("sourceRevision", sourceRevision);
        if (buildoutCfg != null) {
            p.put("buildoutCfg", buildoutCfg);
        }
        p.put("jobCheck", Boolean.toString(jobCheck));
        return p;
    }

    public static UpgradeSettings fromParameters(Map<String, String> p) {
        return new UpgradeSettings(InstanceName.of(p.get("name")), p.get("source"), p.get("revision"),
                Boolean.parseBoolean(p.get("fetch")), Boolean.parseBoolean(p.get("backup")), Integer.parseInt(p.get("keep")),
                p.getOrDefault("sourceRevision", p.get("revision")), p.get("buildoutCfg"),
                Boolean.parseBoolean(p.get("jobCheck")));
    }
}
