package org.lavasoftware.deploy.engine;

import java.util.LinkedHashMap;
import java.util.Map;

/** One line of {@code list}: what an administrator wants to know of an instance at a glance. */
public record InstanceSummary(String name, String webMode, String state, String revision, String url, String lastBackup) {

    /** The fields in display order, as {@code --json} and the table show them. */
    public Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        fields.put("mode", webMode);
        fields.put("state", state);
        fields.put("revision", revision);
        fields.put("url", url);
        fields.put("last backup", lastBackup);
        return fields;
    }
}
