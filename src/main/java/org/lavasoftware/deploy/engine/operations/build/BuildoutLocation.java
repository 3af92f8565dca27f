package org.lavasoftware.deploy.engine.operations.build;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.lavasoftware.deploy.ToolException;

/**
 * Where the buildout config of a code tree is, as LAVA_BUILDOUT_CFG says: the tree's own
 * {@code buildout.cfg} when the setting is empty (none: the tree is deployed as it is); a path
 * relative to the tree ({@code ../../custom.cfg} is the instance's directory, as in the classic
 * tool); or an absolute path.
 */
public final class BuildoutLocation {
    public static final String DEFAULT = "buildout.cfg";

    private BuildoutLocation() {
    }

    /** The config that applies to {@code tree}; empty when the setting is empty and the tree has none. */
    public static Optional<Path> locate(Path tree, String setting) {
        if (setting == null || setting.isBlank()) {
            Path own = tree.resolve(DEFAULT);
            return Files.isRegularFile(own) ? Optional.of(own) : Optional.empty();
        }
        Path file = tree.resolve(setting.strip()).normalize();
        if (!Files.isRegularFile(file)) {
            if (setting.strip().equals(DEFAULT)) {
                return Optional.empty(); // the default named explicitly: a tree without one is deployed as it is
            }
            throw ToolException.badInput("LAVA_BUILDOUT_CFG=" + setting.strip() + " names " + file
                    + ", which is no file; write it, or set LAVA_BUILDOUT_CFG to an existing config (empty: the tree's own)");
        }
        return Optional.of(file);
    }

    /** Whether the config named by {@code setting} lies outside any code tree (so it is known before a fetch). */
    public static boolean outsideTree(String setting) {
        if (setting == null || setting.isBlank()) {
            return false;
        }
        Path p = Path.of(setting.strip());
        return p.isAbsolute() || p.normalize().startsWith("..");
    }
}
