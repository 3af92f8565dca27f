package org.lavasoftware.deploy.engine.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.model.LavaRoot;

/**
 * Instances run as their own users and Apache as www-data: all of them must be able to pass
 * through every directory above the root. A root inside a private directory (a home at 0700,
 * a private temporary directory) is refused before anything is made there.
 */
public final class RootAccess {
    private RootAccess() {
    }

    public static void requireTraversable(LavaRoot root) {
        for (Path dir = root.path().getParent(); dir != null; dir = dir.getParent()) {
            if (!Files.exists(dir)) {
                continue;
            }
            try {
                if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw ToolException.badInput("instance users and Apache cannot reach " + root.path() + ": " + dir
                            + " is closed to others; allow them through (chmod o+x " + dir + ") or choose another --root");
                }
            } catch (IOException e) {
                throw ToolException.badInput("cannot read the permissions of " + dir + ": " + e.getMessage());
            }
        }
    }
}
