package org.lavasoftware.deploy.engine.operations.web;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;
import org.lavasoftware.deploy.engine.InstanceLock;

/**
 * One change of Apache's configuration at a time on the machine, whatever the root: the default
 * site is shared by the instances of every root, and whether it is still needed must be decided
 * and done without another change in between. Held for seconds (files, configtest, reload).
 */
final class ApacheLock {
    private static final Path FILE = Path.of("/run/lock/lava-deployment-tool.apache.lock");

    private ApacheLock() {
    }

    static InstanceLock take(String purpose, Consumer<String> notices) {
        return InstanceLock.acquire(FILE, "Apache's configuration", purpose, Duration.ofMinutes(2), notices);
    }
}
