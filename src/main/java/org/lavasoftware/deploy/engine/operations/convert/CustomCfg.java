package org.lavasoftware.deploy.engine.operations.convert;

import java.nio.file.Path;
import java.util.List;

/**
 * The custom.cfg of a converted instance, as the classic README advised writing it by hand: it
 * {@code extends} the target config, adds back with {@code eggs +=} (in the target's part) what
 * the target would drop, pinned at the versions pip had installed, and names the editable ones'
 * checkouts with {@code develop +=}.
 */
public final class CustomCfg {
    public static final String MARKER = "# written by lava-deployment-tool (pip-to-buildout)";

    private CustomCfg() {
    }

    /**
     * @param base     what {@code extends} names: a file beside custom.cfg, or an absolute path
     * @param part     the target's part that gets the eggs
     * @param packages the dropped packages (others are ignored)
     * @param develop  the develop checkout of each DEVELOP package, in the same order as they come in packages
     */
    public static String text(String instance, String base, String part, List<LegacyPackage> packages, List<Path> develop) {
        List<LegacyPackage> dropped = DroppedPackages.dropped(packages);
        StringBuilder s = new StringBuilder(MARKER).append(" for ").append(instance).append(":\n")
                .append("# ").append(base).append(", and what the pip-based instance had that it would drop\n")
                .append("# (pip freeze: last-pip-installed-versions.txt)\n")
                .append("[buildout]\nextends = ").append(base).append('\n');
        if (!develop.isEmpty()) {
            s.append("develop +=\n");
            develop.forEach(d -> s.append("    ").append(d).append('\n'));
        }
        if (!dropped.isEmpty()) {
            s.append("\n[").append(part).append("]\neggs +=\n");
            dropped.forEach(p -> s.append("    ").append(p.name()).append('\n'));
        }
        List<LegacyPackage> pinned = dropped.stream().filter(p -> p.version() != null).toList();
        if (!pinned.isEmpty()) {
            s.append("\n[versions]\n");
            pinned.forEach(p -> s.append(p.name()).append(" = ").append(p.version()).append('\n'));
        }
        return s.toString();
    }
}
