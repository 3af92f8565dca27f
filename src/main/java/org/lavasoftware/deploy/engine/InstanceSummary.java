package org.lavasoftware.deploy.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One line of {@code list}: what an administrator wants to know of an instance at a glance.
 *
 * @param workers how many of its workers are online ("1 of 1 online"), null when its database cannot be read
 * @param devices how many devices it has, and how many are Good ("2 (1 good)"), null likewise
 * @param interruption where its interrupted operation stopped ("restore, step 9 of 9"), null when none is
 */
public record InstanceSummary(String name, String webMode, String state, String revision, String url, String lastBackup,
                              String workers, String devices, String interruption) {

    public InstanceSummary(String name, String webMode, String state, String revision, String url, String lastBackup) {
        this(name, webMode, state, revision, url, lastBackup, null, null, null);
    }

    /**
     * The fields in display order, as {@code --json} shows them: the state a word, and for an
     * interrupted instance where its operation stopped, apart.
     */
    public Map<String, Object> fields() {
        Map<String, Object> fields = row();
        fields.put("state", state);
        if (interruption != null) {
            fields.put("interrupted", interruption);
        }
        return fields;
    }

    /** The fields in display order, as the table shows them: {@code interrupted (restore, step 9 of 9)}. */
    public Map<String, Object> row() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("mode", webMode);
        fields.put("state", interruption == null ? state : state + " (" + interruption + ")");
        fields.put("revision", revision);
        fields.put("workers", workers);
        fields.put("devices", devices);
        fields.put("url", url);
        fields.put("last backup", lastBackup);
        return fields;
    }
}
