package org.lavasoftware.deploy.adapters.services;

import java.nio.file.Path;
import java.util.List;

/**
 * One long-running process of an instance (the web workers, the scheduler, the publisher, the
 * worker), as the service manager should run it: as whom, from where, how long to let it stop.
 *
 * @param keepsJobs a program whose children run test jobs in process groups of their own (lava-worker
 *                  starting lava-run): stopping it must leave them running, as Debian's unit does
 *                  (KillMode=process), and it is restarted whenever it ends, however it ended
 */
public record ServiceProgram(String name, List<String> command, String user, Path workDir, int stopSeconds,
                             Path outputLog, boolean keepsJobs) {

    public ServiceProgram(String name, List<String> command, String user, Path workDir, int stopSeconds, Path outputLog) {
        this(name, command, user, workDir, stopSeconds, outputLog, false);
    }
}
