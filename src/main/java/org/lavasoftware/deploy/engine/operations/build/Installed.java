package org.lavasoftware.deploy.engine.operations.build;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a revision's Python environment holds, as its interpreter sees it (importlib.metadata):
 * the distributions with their versions and places, which of LAVA's packages are importable, the
 * version LAVA's tree says it is, and the Django applications among the eggs' packages.
 * Read from the lines the probe prints, tab-separated.
 */
public record Installed(Map<String, Dist> dists, Set<String> modules, String lavaVersion, Map<String, List<String>> apps) {

    public record Dist(String version, String location) {
    }

    public static Installed parse(String probeOutput) {
        Map<String, Dist> dists = new LinkedHashMap<>();
        Set<String> modules = new LinkedHashSet<>();
        Map<String, List<String>> apps = new LinkedHashMap<>();
        String lava = null;
        for (String line : probeOutput.split("\n")) {
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "dist" -> {
                    if (f.length >= 4) {
                        dists.putIfAbsent(Requirement.normalize(f[1]), new Dist(f[2], f[3]));
                    }
                }
                case "module" -> modules.add(f[1]);
                case "lava" -> lava = f[1];
                case "app" -> apps.computeIfAbsent(Requirement.normalize(f[1]), k -> new ArrayList<>()).add(f[2]);
                default -> {
                    // a line the probe did not mean for us (a warning): ignored
                }
            }
        }
        return new Installed(dists, modules, lava, apps);
    }
}
