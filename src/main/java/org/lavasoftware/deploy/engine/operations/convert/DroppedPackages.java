package org.lavasoftware.deploy.engine.operations.convert;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lavasoftware.deploy.adapters.python.VenvPackages;
import org.lavasoftware.deploy.engine.operations.build.Requirement;

/**
 * The comparison the classic README warned about: which packages of the legacy venv the target
 * config would not install. A package is LAVA's own, one of the target's eggs, one the system
 * provides (Debian's, which a build sees), or dropped, and then added back (as a develop checkout
 * when it was installed editable). Names compare as Python packaging compares them.
 */
public final class DroppedPackages {
    /** The projects of LAVA's own tree: a release (server and worker, one version) brings them all. */
    public static final Set<String> LAVA_TREE = Set.of("lava-server", "lava-common", "lava-scheduler",
            "lava-scheduler-app", "lava-results", "lava-results-app", "lava-dashboard", "lava-rest", "lava-rest-app",
            "linaro-django-xmlrpc", "lava-dispatcher", "lava-dispatcher-host");

    private DroppedPackages() {
    }

    /**
     * @param frozen     what pip freeze listed
     * @param targetEggs the target config's eggs (any spelling)
     * @param inspected  what the venv's interpreter said of each package, by normalized name (may lack some)
     */
    public static List<LegacyPackage> classify(List<PipFreeze.Frozen> frozen, Collection<String> targetEggs,
                                               Map<String, VenvPackages.Distribution> inspected) {
        Set<String> target = new java.util.HashSet<>();
        targetEggs.forEach(e -> target.add(Requirement.parse(e).key()));
        List<LegacyPackage> packages = new ArrayList<>();
        for (PipFreeze.Frozen f : frozen) {
            VenvPackages.Distribution d = inspected.get(f.key());
            String version = f.version() != null ? f.version() : d == null ? null : d.version();
            boolean app = d != null && d.app();
            String system = d == null ? null : d.systemVersion();
            PackageFate fate;
            if (LAVA_TREE.contains(f.key())) {
                fate = PackageFate.LAVA;
            } else if (target.contains(f.key())) {
                fate = PackageFate.TARGET;
            } else if (system != null) {
                fate = PackageFate.SYSTEM;
            } else if (f.editable() || d != null && d.editable() != null) {
                fate = PackageFate.DEVELOP;
            } else {
                fate = PackageFate.READD;
            }
            packages.add(new LegacyPackage(d != null ? d.name() : f.name(), version, fate, app, system,
                    d == null ? null : d.editable()));
        }
        return packages;
    }

    public static List<LegacyPackage> dropped(List<LegacyPackage> packages) {
        return packages.stream().filter(p -> p.fate().dropped()).toList();
    }
}
