package org.lavasoftware.deploy.engine.operations;

import java.io.IOException;
import java.nio.file.Files;
import org.lavasoftware.deploy.ToolException;
import org.lavasoftware.deploy.model.LavaRoot;

/**
 * Whether setup ran on this machine for this root, and at which version: the classic tool kept
 * the number in ROOT/.setup; commands that need what setup installs check it.
 */
public final class SetupState {
    /** Raise when setup learns something new that existing machines must also get. */
    public static final int VERSION = 2; // 2: the local worker's dependencies (lava-dispatcher's Depends)

    private SetupState() {
    }

    public static int recorded(LavaRoot root) {
        try {
            return Integer.parseInt(Files.readString(root.setupMarker()).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    public static boolean isCurrent(LavaRoot root) {
        return recorded(root) >= VERSION;
    }

    /** Refuses to go on, saying what to do, when setup did not run or is older than this tool's. */
    public static void require(LavaRoot root) {
        int recorded = recorded(root);
        if (recorded == 0) {
            throw ToolException.unexpectedState("this machine is not set up for " + root.path()
                    + "; run `lava-deployment-tool setup` first");
        }
        if (recorded < VERSION) {
            throw ToolException.unexpectedState("setup of " + root.path() + " is version " + recorded
                    + ", older than this tool's " + VERSION + "; run `lava-deployment-tool setup` first");
        }
    }
}
