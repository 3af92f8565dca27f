package org.lavasoftware.deploy.engine;

import java.time.Duration;
import org.lavasoftware.deploy.model.LavaRoot;

/** What the user chose for this run: where, whether for real, how long to wait for a busy instance. */
public record EngineSettings(LavaRoot root, boolean dryRun, Duration lockWait, boolean debug) {

    public EngineSettings withDryRun(boolean value) {
        return new EngineSettings(root, value, lockWait, debug);
    }
}
