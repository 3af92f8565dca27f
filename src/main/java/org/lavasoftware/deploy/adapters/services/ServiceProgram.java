package org.lavasoftware.deploy.adapters.services;

import java.nio.file.Path;
import java.util.List;

/**
 * One long-running process of an instance (the web workers, the scheduler, the publisher), as
 * the service manager should run it: as whom, from where, how long to let it stop.
 */
public record ServiceProgram(String name, List<String> command, String user, Path workDir, int stopSeconds,
                             Path outputLog) {
}
