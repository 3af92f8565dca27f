package org.lavasoftware.deploy.engine.operations.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.lavasoftware.deploy.buildout.BuildoutConfig;
import org.lavasoftware.deploy.engine.operations.Revisions;
import org.lavasoftware.deploy.model.ConfigKey;
import org.lavasoftware.deploy.model.InstanceConfig;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * {@code buildout NAME}: the resolved config of an instance's code/current as LAVA_BUILDOUT_CFG
 * says, with the effective eggs, develop checkouts, pins and parts, each with the file and line it
 * came from, and what was built from it. Read only: nothing is run.
 */
public final class BuildoutReport {
    private BuildoutReport() {
    }

    public static Map<String, Object> of(InstanceLayout layout, InstanceConfig config) {
        return of(layout, config.get(ConfigKey.LAVA_BUILDOUT_CFG));
    }

    /** The report for LAVA_BUILDOUT_CFG={@code setting} instead of the instance's (nothing is stored). */
    public static Map<String, Object> of(InstanceLayout layout, String setting) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("instance", layout.name().value());
        String revision = new Revisions(layout).current().orElse(null);
        r.put("revision", revision);
        r.put("setting", setting);
        Optional<java.nio.file.Path> file = revision == null ? Optional.empty()
                : BuildoutLocation.locate(layout.currentCode(), setting);
        if (file.isEmpty()) {
            r.put("config", null);
            return r;
        }
        BuildoutConfig loaded = BuildoutConfig.load(file.get());
        BuildDescription b = BuildDescription.of(loaded, layout.currentCode());
        r.put("config", b.config().toString());
        r.put("files", b.files());
        List<Map<String, Object>> parts = new ArrayList<>();
        loaded.option("buildout", "parts").ifPresent(v -> b.parts().forEach(p -> parts.add(entry("part", p, v.origins()
                .get(v.origins().size() - 1).toString()))));
        r.put("parts", parts);
        r.put("eggs", b.eggs().stream().map(e -> entry("egg", e.requirement().line(), e.origin().toString())).toList());
        r.put("develop", b.develop().stream().map(d -> entry("path", d.path().toString(), d.from())).toList());
        List<Map<String, Object>> pins = new ArrayList<>();
        String section = loaded.versionsSection();
        loaded.versions().forEach((project, version) -> {
            Map<String, Object> pin = entry("project", project, loaded.option(section, project)
                    .map(v -> v.origins().get(v.origins().size() - 1).toString()).orElse(""));
            pin.put("version", version);
            pins.add(pin);
        });
        r.put("pins", pins);
        r.put("scheduler", b.selects(BuildDescription.SCHEDULER_EGG));
        RevisionBuild.of(layout.currentCode()).ifPresentOrElse(built -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("eggs", built.eggs());
            m.put("scheduler", built.scheduler());
            m.put("apps", built.apps());
            m.put("versions", built.versions());
            r.put("built", m);
        }, () -> r.put("built", null));
        return r;
    }

    /** The report as text: one value a line, each with where it came from. */
    @SuppressWarnings("unchecked")
    public static List<String> lines(Map<String, Object> r) {
        List<String> out = new ArrayList<>();
        out.add("instance   " + r.get("instance") + " on revision " + r.get("revision"));
        String setting = (String) r.get("setting");
        if (r.get("config") == null) {
            out.add("config     none: LAVA_BUILDOUT_CFG=" + (setting.isEmpty() ? "''" : setting)
                    + " and code/current has no buildout.cfg; the tree is deployed as it is");
            return out;
        }
        out.add("config     " + r.get("config") + " (LAVA_BUILDOUT_CFG=" + (setting.isEmpty() ? "'', the tree's own" : setting) + ")");
        out.add("files      " + String.join(", ", (List<String>) r.get("files")));
        section(out, "parts", (List<Map<String, Object>>) r.get("parts"), "part");
        section(out, "eggs", (List<Map<String, Object>>) r.get("eggs"), "egg");
        section(out, "develop", (List<Map<String, Object>>) r.get("develop"), "path");
        List<Map<String, Object>> pins = (List<Map<String, Object>>) r.get("pins");
        for (int i = 0; i < pins.size(); i++) {
            Map<String, Object> p = pins.get(i);
            out.add(String.format("%-10s %-40s %s", i == 0 ? "pins" : "", p.get("project") + " = " + p.get("version"), p.get("from")));
        }
        out.add("scheduler  " + (Boolean.TRUE.equals(r.get("scheduler")) ? "yes (lava-scheduler is among the eggs)"
                : "no (lava-scheduler is not among the eggs: no scheduler service)"));
        Map<String, Object> built = (Map<String, Object>) r.get("built");
        out.add("built      " + (built == null ? "no: the next upgrade builds it" : "eggs " + built.get("eggs")
                + ", Django apps " + built.get("apps")));
        return out;
    }

    private static void section(List<String> out, String title, List<Map<String, Object>> rows, String key) {
        for (int i = 0; i < rows.size(); i++) {
            out.add(String.format("%-10s %-40s %s", i == 0 ? title : "", rows.get(i).get(key), rows.get(i).get("from")));
        }
    }

    private static Map<String, Object> entry(String key, String value, String from) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, value);
        m.put("from", from);
        return m;
    }
}
