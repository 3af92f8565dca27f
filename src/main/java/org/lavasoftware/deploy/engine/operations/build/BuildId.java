package org.lavasoftware.deploy.engine.operations.build;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.buildout.BuildoutConfig;
import org.lavasoftware.deploy.model.InstanceLayout;

/**
 * The directory name of a build of a source revision: the revision itself when nothing outside
 * the tree shapes it, else {@code REV+boHASH}, HASH from what the config outside the tree asks
 * (eggs, develop checkouts, pins) and the component branches in code/current/local/. Editing a
 * custom.cfg thus makes a new build that an upgrade switches to, beside the old one.
 */
public final class BuildId {
    private BuildId() {
    }

    public static String of(InstanceLayout layout, String revision, String setting) {
        Path current = layout.currentCode();
        String local = localNames(current);
        if (BuildoutLocation.outsideTree(setting)) {
            Path cfg = layout.codeDir().resolve(revision).resolve(setting.strip()).normalize();
            if (!Files.isRegularFile(cfg)) {
                throw ToolException.badInput("LAVA_BUILDOUT_CFG=" + setting.strip() + " names " + cfg
                        + ", which is no file; write it, or set LAVA_BUILDOUT_CFG to an existing config (empty: the tree's own)");
            }
            String what;
            try {
                what = BuildDescription.of(BuildoutConfig.load(cfg), current).fingerprint();
            } catch (ToolException e) {
                throw e;
            } catch (RuntimeException e) {
                what = Fingerprint.of(cfg.toString());
            }
            return revision + "+bo" + Fingerprint.of(what + local);
        }
        return local.isEmpty() ? revision : revision + "+bo" + Fingerprint.of(setting + "\n" + local);
    }

    /**
     * The name of the build {@code description} asks for, when its config outside the tree is not
     * written yet (a conversion decides it before it writes custom.cfg): as {@link #of} would name it then.
     */
    public static String of(InstanceLayout layout, String revision, BuildDescription description) {
        return revision + "+bo" + Fingerprint.of(description.fingerprint() + localNames(layout.currentCode()));
    }

    private static String localNames(Path tree) {
        Path local = tree.resolve("local");
        if (!Files.isDirectory(local)) {
            return "";
        }
        try (Stream<Path> entries = Files.list(local)) {
            return String.join("\n", entries.map(p -> p.getFileName().toString()).sorted().toList());
        } catch (IOException e) {
            return "";
        }
    }
}
